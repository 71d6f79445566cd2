import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/App';
import type { Result } from '../../shared/ipc/errors';
import type { DemographicSearchResult } from '../../shared/patient/demographic-search';
import { HARTLEY, fakeGpc } from './fake-gpc';

const AMY = {
  ...HARTLEY,
  nhsNumber: '9990002088',
  name: { prefix: ['Miss'], given: ['Amy'], family: 'Hartley' },
  birthDate: '1968-03-21',
};

function setup(answer: DemographicSearchResult) {
  const searches: unknown[] = [];
  const lookups: string[] = [];
  const api = fakeGpc((channel, input) => {
    if (channel === 'app.info') {
      return Promise.resolve({
        ok: true,
        value: { name: 'GP Connect Workstation', version: '9.9.9', mode: 'demo', host: 'preview' },
      });
    }
    if (channel === 'patient.search') {
      searches.push(input);
      return Promise.resolve({ ok: true, value: answer } as Result<unknown>);
    }
    if (channel === 'patient.lookup') {
      lookups.push((input as { nhsNumber: string }).nhsNumber);
      return Promise.resolve({ ok: true, value: HARTLEY });
    }
    return new Promise(() => undefined);
  });
  render(<App api={api} />);
  return { searches, lookups, user: userEvent.setup() };
}

async function fill(
  user: ReturnType<typeof userEvent.setup>,
  fields: { family?: string; day?: string; month?: string; year?: string; postcode?: string },
) {
  await user.click(await screen.findByText('Search by name and date of birth instead'));
  if (fields.family) await user.type(screen.getByLabelText('Family name'), fields.family);
  const born = within(screen.getByRole('group', { name: 'Date of birth' }));
  if (fields.day) await user.type(born.getByLabelText('Day'), fields.day);
  if (fields.month) await user.type(born.getByLabelText('Month'), fields.month);
  if (fields.year) await user.type(born.getByLabelText('Year'), fields.year);
  if (fields.postcode) await user.type(screen.getByLabelText('Postcode (optional)'), fields.postcode);
  await user.click(screen.getByRole('button', { name: 'Search PDS' }));
}

describe('find a patient by name and date of birth', () => {
  it('lists the matches best first, and choosing one traces that NHS number', async () => {
    const { searches, lookups, user } = setup({
      status: 'matches',
      candidates: [
        { patient: HARTLEY, score: 1 },
        { patient: AMY, score: 0.82 },
      ],
    });
    await fill(user, { family: 'Hartley', day: '12', month: '3', year: '1968', postcode: 'hg1 4rt' });
    expect(searches).toEqual([{ family: 'Hartley', birthDate: '1968-03-12', postcode: 'hg1 4rt' }]);
    const rows = await screen.findAllByTestId('demographic-candidate');
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual([
      'HARTLEY, Amelia Grace (Mrs)',
      'HARTLEY, Amy (Miss)',
    ]);
    expect(rows[0]).toHaveTextContent('943 476 5919');
    expect(rows[0]).toHaveTextContent('100%');
    expect(rows[1]).toHaveTextContent('21-Mar-1968');
    expect(screen.getByRole('heading', { name: '2 people match, best match first' })).toHaveFocus();
    await user.click(within(rows[0] as HTMLElement).getByRole('button', { name: /^Select/ }));
    expect(lookups).toEqual(['9434765919']);
    expect(await screen.findByRole('region', { name: 'Patient banner' })).toHaveTextContent('HARTLEY');
    expect(screen.queryByTestId('demographic-candidate')).not.toBeInTheDocument();
  });

  it.each([
    [{ day: '12', month: '3', year: '1968' }, "Enter the patient's family name"],
    [{ family: 'Hartley' }, "Enter the patient's date of birth"],
    [{ family: 'Hartley', day: '12', year: '1968' }, 'Date of birth must include a month'],
    [{ family: 'Hartley', day: '31', month: '2', year: '1968' }, 'Date of birth must be a real date'],
    [{ family: 'Hartley', day: '1', month: '1', year: '2999' }, 'Date of birth must be today or in the past'],
    [
      { family: 'Hartley', day: '12', month: '3', year: '1968', postcode: 'HG1' },
      'Enter a real UK postcode, like HG1 4RT',
    ],
  ])('names the problem with %j and sends nothing', async (fields, message) => {
    const { searches, user } = setup({ status: 'matches', candidates: [] });
    await fill(user, fields);
    const summary = screen.getByRole('alert');
    expect(summary).toHaveTextContent('There is a problem');
    expect(within(summary).getByRole('link', { name: message })).toBeInTheDocument();
    expect(summary).toHaveFocus();
    expect(searches).toEqual([]);
  });

  it('says when too many people match, and what to add', async () => {
    const { user } = setup({ status: 'too-many' });
    await fill(user, { family: 'Smith', day: '1', month: '1', year: '1970' });
    expect(await screen.findByTestId('demographic-too-many')).toHaveTextContent(
      'Add the given name, gender or postcode to narrow the search.',
    );
  });

  it('says plainly when no one matches', async () => {
    const { user } = setup({ status: 'matches', candidates: [] });
    await fill(user, { family: 'Nobody', day: '1', month: '1', year: '1970' });
    expect(await screen.findByRole('heading', { name: 'No one on PDS matches these details' })).toBeInTheDocument();
  });
});
