import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/App';
import type { BuildFlavour } from '../../shared/app/build-info';
import type { AboutInfo, SettingsReport } from '../../shared/ipc/features/app.contract';
import { fakeGpc } from './fake-gpc';

const SETTINGS: SettingsReport = {
  policyFile: '/etc/gp-connect-workstation/policy.json',
  policyPresent: true,
  entries: [
    { key: 'mode', label: 'Mode', value: 'live', isDefault: false, lockedBy: 'policy' },
    {
      key: 'spine.sspBaseUrl',
      label: 'Spine Secure Proxy URL',
      value: 'https://ssp.example.nhs.uk',
      isDefault: false,
      lockedBy: 'policy',
    },
    {
      key: 'session.inactivityMinutes',
      label: 'Lock after inactivity (minutes)',
      value: 10,
      isDefault: true,
      lockedBy: null,
    },
    { key: 'explorer.enabled', label: 'Interaction explorer', value: true, isDefault: false, lockedBy: null },
    {
      key: 'appointments.favourites',
      label: 'Favourite practices (ODS codes)',
      value: ['A20047', 'B82617'],
      isDefault: false,
      lockedBy: 'policy',
    },
    {
      key: 'audit.directory',
      label: 'Audit log folder',
      value: null,
      isDefault: true,
      lockedBy: null,
      defaultNote: 'The workstation’s own data folder',
    },
  ],
};

function about(flavour: BuildFlavour): AboutInfo {
  return {
    name: 'GP Connect Workstation',
    version: '0.1.0',
    flavour,
    commit: '0123456789ab',
    host: 'electron',
    runtime: { electron: '40.8.5', chromium: '144.0.7559.236', node: '22.22.0' },
    releases: [{ version: '0.1.0', date: '2026-11-26', items: ['Machine policy for IT.', 'Two builds.'] }],
  };
}

function setup(flavour: BuildFlavour, settings: SettingsReport = SETTINGS) {
  const api = fakeGpc((channel) => {
    if (channel === 'app.info') {
      return Promise.resolve({
        ok: true,
        value: { name: 'GP Connect Workstation', version: '0.1.0', mode: 'demo', host: 'electron', flavour },
      });
    }
    if (channel === 'app.settings') return Promise.resolve({ ok: true, value: settings });
    if (channel === 'app.about') return Promise.resolve({ ok: true, value: about(flavour) });
    return new Promise(() => undefined);
  });
  render(<App api={api} />);
  return userEvent.setup();
}

async function openSettings(flavour: BuildFlavour, settings?: SettingsReport) {
  const user = setup(flavour, settings);
  await user.click(await screen.findByRole('button', { name: 'Settings and about' }));
  return screen.findByTestId('settings-table');
}

describe('Settings and about screen', () => {
  it('marks exactly the settings policy locked', async () => {
    const table = await openSettings('clinical');
    const row = (key: string) => within(table).getByTestId(`setting-${key}`);
    for (const key of ['mode', 'spine.sspBaseUrl', 'appointments.favourites']) {
      expect(within(row(key)).getByText('Locked by your organisation')).toBeInTheDocument();
    }
    for (const key of ['session.inactivityMinutes', 'explorer.enabled', 'audit.directory']) {
      expect(within(row(key)).queryByTestId('setting-locked')).toBeNull();
    }
    expect(row('session.inactivityMinutes')).toHaveTextContent('10');
    expect(row('session.inactivityMinutes')).toHaveTextContent('Default');
    expect(row('explorer.enabled')).toHaveTextContent('On');
    expect(row('explorer.enabled')).toHaveTextContent('Settings file');
    expect(row('appointments.favourites')).toHaveTextContent('A20047, B82617');
    expect(row('audit.directory')).toHaveTextContent('The workstation’s own data folder');
    expect(screen.getByTestId('policy-summary')).toHaveTextContent(
      'Machine policy from /etc/gp-connect-workstation/policy.json: 3 setting(s) are locked',
    );
  });

  it('says plainly when no policy is in place', async () => {
    await openSettings('clinical', {
      ...SETTINGS,
      policyPresent: false,
      entries: SETTINGS.entries.map((e) => ({ ...e, lockedBy: null })),
    });
    expect(screen.getByTestId('policy-summary')).toHaveTextContent(
      'No machine policy is in place on this computer (IT would place it at /etc/gp-connect-workstation/policy.json)',
    );
    expect(screen.queryAllByTestId('setting-locked')).toHaveLength(0);
  });

  it('the About box shows version, runtime versions, flavour, commit and release notes', async () => {
    await openSettings('clinical');
    const box = await screen.findByTestId('about-box');
    expect(within(box).getByTestId('about-version')).toHaveTextContent('0.1.0');
    expect(within(box).getByTestId('about-build')).toHaveTextContent('Clinical build');
    expect(within(box).getByTestId('about-commit')).toHaveTextContent('0123456789ab');
    expect(within(box).getByTestId('about-electron')).toHaveTextContent('40.8.5');
    expect(within(box).getByTestId('about-chromium')).toHaveTextContent('144.0.7559.236');
    expect(within(box).getByTestId('about-nodejs')).toHaveTextContent('22.22.0');
    const release = within(box).getByRole('region', { name: 'Release 0.1.0' });
    expect(release).toHaveTextContent('Version 0.1.0 (26-Nov-2026)');
    expect(
      within(release)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Machine policy for IT.', 'Two builds.']);
  });

  it('the demo build shows its banner on every screen, and the mode fixed by the build', async () => {
    const user = setup('demo', {
      ...SETTINGS,
      entries: [{ key: 'mode', label: 'Mode', value: 'demo', isDefault: false, lockedBy: 'build' }],
    });
    const banner = await screen.findByTestId('demo-build-banner');
    expect(banner).toHaveTextContent('never connected to NHS Spine');
    await user.click(screen.getByRole('button', { name: 'Settings and about' }));
    expect(await screen.findByTestId('setting-mode')).toHaveTextContent('Fixed by this build');
    expect(screen.getByTestId('demo-build-banner')).toBeInTheDocument();
    expect(await screen.findByTestId('about-build')).toHaveTextContent('Offline demo build');
  });

  it('the clinical build shows no demo-build banner', async () => {
    await openSettings('clinical');
    expect(screen.queryByTestId('demo-build-banner')).toBeNull();
  });
});
