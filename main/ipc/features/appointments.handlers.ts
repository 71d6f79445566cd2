import type { APPOINTMENT_CHANNELS } from '../../../shared/ipc/features/appointments.channels';
import type { FeatureHandlers, HandlerKit } from '../handler-kit';

/** Our ODS code as a slot `searchFilter`, so slots released to our organisation are offered (SPEC §5.1). */
const ODS_FILTER_SYSTEM = 'https://fhir.nhs.uk/Id/ods-organization-code';

export function appointmentHandlers({ deps }: HandlerKit): FeatureHandlers<typeof APPOINTMENT_CHANNELS> {
  return {
    'slots.search': async ({ odsCode, start, end }) => {
      const bundle = await deps.live.appointments.searchFreeSlots(odsCode, {
        start,
        end,
        searchFilter: [`${ODS_FILTER_SYSTEM}|${deps.live.ctx.config.consumer.odsCode}`],
      });
      return { odsCode, bundle };
    },
  };
}
