import { INTERACTIONS } from '../../../shared/gpconnect/interactions';
import type { EXPLORER_CHANNELS } from '../../../shared/ipc/features/explorer.channels';
import { interactionForm } from '../../../shared/explorer/interaction-forms';
import { checkNhsNumber } from '../../../shared/nhs/nhs-number';
import { curlCommand } from '../../explorer/curl';
import { detail, presentable, summarise } from '../../explorer/exchange-view';
import type { ExplorerDeps } from '../../explorer/explorer-wiring';
import { postmanCollection } from '../../explorer/postman-export';
import { SpineError } from '../../spine/spine-error';
import { GpcError } from '../gpc-error';
import type { FeatureHandlers, HandlerKit } from '../handler-kit';

/** The first valid NHS number a hand-made request names (path or body), for its audit record. */
function namedNhsNumber(...texts: readonly (string | undefined)[]): string | undefined {
  for (const text of texts) {
    for (const m of (text ?? '').matchAll(/(?<![0-9])[0-9]{10}(?![0-9])/g)) {
      if (checkNhsNumber(m[0]).valid) return m[0];
    }
  }
  return undefined;
}

/** 0.7.x: the JWT's `requested_record` must name the body's patient (SPEC §3.5). */
function careRecordNhsNumber(body: unknown): string | undefined {
  if (!body || typeof body !== 'object' || !('parameter' in body) || !Array.isArray(body.parameter)) return undefined;
  const param: unknown = body.parameter.find(
    (p: unknown) => typeof p === 'object' && p !== null && 'name' in p && p.name === 'patientNHSNumber',
  );
  const value =
    param && typeof param === 'object' && 'valueIdentifier' in param
      ? (param.valueIdentifier as { value?: unknown })
      : {};
  return typeof value.value === 'string' ? value.value : undefined;
}

/**
 * The interaction explorer: a developer/IT view of every request this session made, hand-made requests through the
 * same GP Connect client, and exports. Refused unless policy enables it. NHS numbers are masked until the user gives a
 * reason to unmask, which goes to the audit trail before anything is shown.
 */
export function explorerHandlers({ deps, audit, now }: HandlerKit): FeatureHandlers<typeof EXPLORER_CHANNELS> {
  let masked = true;
  const explorer = (): ExplorerDeps => {
    if (!deps.explorer?.enabled) throw new GpcError('EXPLORER_DISABLED');
    return deps.explorer;
  };
  const exchange = (id: string) => {
    const found = explorer().log.get(id);
    if (!found) throw new GpcError('EXCHANGE_NOT_FOUND');
    return found;
  };

  return {
    'explorer.session': () => {
      const { log } = explorer();
      return Promise.resolve({
        masked,
        capacity: log.capacity,
        dropped: log.dropped,
        exchanges: log.list().map((e) => summarise(e, masked)),
      });
    },
    'explorer.exchange': ({ id }) => Promise.resolve(detail(exchange(id), masked)),
    'explorer.unmask': async ({ reason }) => {
      explorer();
      // Audited first: if the trail cannot record the reason, nothing is unmasked.
      await audit({ action: 'unmask-nhs-number', outcome: 'success', note: reason });
      masked = false;
      return { masked: false };
    },
    'explorer.mask': () => {
      explorer();
      masked = true;
      return Promise.resolve({ masked: true });
    },
    'explorer.send': async ({ interaction, odsCode, path, body: bodyText, ifMatch }) => {
      const { log } = explorer();
      const form = interactionForm(interaction);
      let body: unknown;
      if (bodyText !== undefined && bodyText.trim() !== '') {
        try {
          body = JSON.parse(bodyText);
        } catch (err) {
          throw new GpcError(
            'INVALID_INPUT',
            `The body is not valid JSON: ${err instanceof Error ? err.message : 'parse error'}`,
          );
        }
      }
      if (form.method !== 'GET' && body === undefined) {
        throw new GpcError('INVALID_INPUT', `${form.title} needs a body (${form.method}).`);
      }
      const recordNhsNumber = interaction === 'getCareRecord' ? careRecordNhsNumber(body) : undefined;
      const nhsNumber = namedNhsNumber(path, bodyText);
      const mark = log.mark();
      let status: number | undefined;
      let errorCode: string | undefined;
      let traceId: string | undefined;
      try {
        const response = await deps.live.gpc.call({
          interaction: INTERACTIONS[interaction],
          odsCode,
          method: form.method,
          path,
          ...(body === undefined ? {} : { body }),
          ...(ifMatch ? { headers: { 'if-match': ifMatch } } : {}),
          ...(recordNhsNumber ? { recordNhsNumber } : {}),
        });
        status = response.status;
        traceId = response.traceId;
      } catch (err) {
        if (!(err instanceof SpineError)) throw err;
        status = err.failure.httpStatus;
        errorCode = err.failure.code;
        traceId = err.failure.traceId;
      }
      await audit({
        action: 'send-interaction',
        outcome: errorCode ? 'failure' : 'success',
        odsCode,
        target: INTERACTIONS[interaction].id,
        ...(nhsNumber ? { nhsNumber } : {}),
        ...(traceId ? { traceId } : {}),
        ...(errorCode ? { code: errorCode } : {}),
      });
      return {
        exchangeIds: log.since(mark).map((e) => e.id),
        ...(status === undefined ? {} : { status }),
        ...(errorCode ? { errorCode } : {}),
      };
    },
    'explorer.export': async (input) => {
      const { log } = explorer();
      const at = now();
      if (input.format === 'curl') {
        const found = exchange(input.id);
        return { filename: `${found.id}.sh`, masked, text: `${curlCommand(presentable(found, masked))}\n` };
      }
      const exchanges = log.list().map((e) => presentable(e, masked));
      await audit({
        action: 'export-session',
        outcome: 'success',
        target: 'postman',
        note: `${exchanges.length} requests, NHS numbers ${masked ? 'masked' : 'in full'}`,
      });
      const collection = postmanCollection(exchanges, {
        name: `GP Connect Workstation session ${at.toISOString().slice(0, 16).replace('T', ' ')}`,
        masked,
        exportedAt: at,
      });
      return {
        filename: `gpc-session-${at.toISOString().replace(/[:.]/g, '-')}.postman_collection.json`,
        masked,
        text: JSON.stringify(collection, null, 2),
      };
    },
  };
}
