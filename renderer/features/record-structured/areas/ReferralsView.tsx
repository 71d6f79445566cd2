import type { ReferralItem, ReferralsArea } from '../../../../shared/record/structured-view';
import { AreaNotice } from '../AreaNotice';
import { DateText, ItemFooter, LinkedItems, NoneInSubsection, SubHeading } from '../record-bits';
import type { Column } from '../RecordTable';
import { RecordTable } from '../RecordTable';

const COLUMNS: readonly Column<ReferralItem>[] = [
  { header: 'Date', className: 'gpc-col-date', cell: (r) => <DateText date={r.date ?? r.recorded} /> },
  {
    header: 'Referral',
    cell: (r) => (
      <>
        <span className="gpc-sr-term">
          {r.services.length > 0 ? r.services.join(', ') : (r.specialty ?? r.type ?? 'Referral')}
        </span>
        {r.specialty && r.services.length > 0 && <span className="gpc-sr-block gpc-sr-muted">{r.specialty}</span>}
        {r.reasons.length > 0 && (
          <span className="gpc-sr-block">Reason: {r.reasons.map((c) => c.text).join('; ')}</span>
        )}
        {r.description && <span className="gpc-sr-block">{r.description}</span>}
        <LinkedItems items={r.documents} />
        <ItemFooter item={r} />
      </>
    ),
  },
  {
    header: 'From and to',
    cell: (r) => (
      <>
        {r.requester && <span className="gpc-sr-block">From {r.requester}</span>}
        {r.recipients.length > 0 && <span className="gpc-sr-block">To {r.recipients.join(', ')}</span>}
        {r.ubrn && <span className="gpc-sr-block gpc-sr-muted">UBRN {r.ubrn}</span>}
      </>
    ),
  },
  {
    header: 'Status',
    cell: (r) => (
      <>
        {r.status && <span className="gpc-sr-block">{r.status}</span>}
        {r.priority && <span className="gpc-sr-block gpc-sr-muted">Priority: {r.priority}</span>}
      </>
    ),
  },
];

export function ReferralsView({ area, highlight }: { readonly area: ReferralsArea; readonly highlight?: string }) {
  const show = area.referrals.length > 0 || area.availability.status === 'present';
  return (
    <>
      <AreaNotice availability={area.availability} title="Referrals" testId="area-notice-referrals" />
      {show && (
        <>
          <SubHeading id="sr-referrals" title="Outbound referrals" count={area.referrals.length} />
          {area.referrals.length > 0 ? (
            <RecordTable
              caption="Outbound referrals"
              rows={area.referrals}
              rowKey={(r) => r.id}
              columns={COLUMNS}
              highlightKey={highlight}
              testId="referrals"
            />
          ) : (
            <NoneInSubsection what="referrals" />
          )}
        </>
      )}
    </>
  );
}
