import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';

export interface Column<T> {
  readonly header: string;
  readonly cell: (row: T) => ReactNode;
  /** Extra class on the header and cells, e.g. `gpc-col-date` for a fixed-width date column. */
  readonly className?: string;
}

export interface RecordTableProps<T> {
  /** Read by screen readers as the table's name; shown when `captionVisible`. */
  readonly caption: string;
  readonly captionVisible?: boolean;
  readonly rows: readonly T[];
  readonly rowKey: (row: T) => string;
  readonly columns: readonly Column<T>[];
  /** A row to bring into view and mark (from the find box or the timeline). */
  readonly highlightKey?: string | undefined;
  readonly testId?: string;
  /** Lists at or above this length are virtualised; shorter ones render whole (and print whole). */
  readonly virtualiseFrom?: number;
}

/** Where a list starts to be virtualised: a screenful of rows or two renders faster whole than through the virtualiser. */
export const VIRTUALISE_FROM = 50;
const ESTIMATED_ROW_PX = 44;

/**
 * One table for every list of the structured record. Long lists (thousands of consultations or results in a large
 * record) are virtualised with @tanstack/react-virtual inside a scrolling region that keyboard users can focus; the
 * table keeps its semantics (`aria-rowcount`/`aria-rowindex`), so a screen reader still hears "row 512 of 10000".
 * When the page is printed every row is rendered, since the printed page has no scrolling.
 */
export function RecordTable<T>(props: RecordTableProps<T>) {
  const printing = usePrinting();
  const long = props.rows.length >= (props.virtualiseFrom ?? VIRTUALISE_FROM);
  return long && !printing ? <VirtualTable {...props} /> : <WholeTable {...props} />;
}

function Head<T>({ columns }: { readonly columns: readonly Column<T>[] }) {
  return (
    <thead className="nhsuk-table__head">
      <tr className="nhsuk-table__row" aria-rowindex={1}>
        {columns.map((c) => (
          <th key={c.header} scope="col" className={`nhsuk-table__header ${c.className ?? ''}`}>
            {c.header}
          </th>
        ))}
      </tr>
    </thead>
  );
}

function Row<T>({
  row,
  index,
  columns,
  highlighted,
  measure,
}: {
  readonly row: T;
  readonly index: number;
  readonly columns: readonly Column<T>[];
  readonly highlighted: boolean;
  readonly measure?: (node: HTMLTableRowElement | null) => void;
}) {
  return (
    <tr
      className={`nhsuk-table__row${highlighted ? ' gpc-sr-row--found' : ''}`}
      aria-rowindex={index + 2}
      data-index={index}
      ref={measure}
      data-found={highlighted ? 'true' : undefined}
    >
      {columns.map((c) => (
        <td key={c.header} className={`nhsuk-table__cell ${c.className ?? ''}`}>
          {c.cell(row)}
        </td>
      ))}
    </tr>
  );
}

function WholeTable<T>({ caption, captionVisible, rows, rowKey, columns, highlightKey, testId }: RecordTableProps<T>) {
  const table = useRef<HTMLTableElement | null>(null);
  useEffect(() => {
    if (highlightKey) table.current?.querySelector('[data-found="true"]')?.scrollIntoView?.({ block: 'center' });
  }, [highlightKey]);
  return (
    <table ref={table} className="nhsuk-table gpc-sr-table" data-testid={testId} aria-rowcount={rows.length + 1}>
      <caption className={captionVisible ? 'nhsuk-table__caption gpc-sr-table__caption' : 'nhsuk-u-visually-hidden'}>
        {caption}
      </caption>
      <Head columns={columns} />
      <tbody className="nhsuk-table__body">
        {rows.map((row, index) => (
          <Row key={rowKey(row)} row={row} index={index} columns={columns} highlighted={highlightKey === rowKey(row)} />
        ))}
      </tbody>
    </table>
  );
}

function VirtualTable<T>({
  caption,
  captionVisible,
  rows,
  rowKey,
  columns,
  highlightKey,
  testId,
}: RecordTableProps<T>) {
  const scroller = useRef<HTMLDivElement | null>(null);
  // The virtualizer hands back fresh functions each render by design; this app does not use the React Compiler, so
  // the compiler-only warning about memoising them does not apply.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer<HTMLDivElement, HTMLTableRowElement>({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ESTIMATED_ROW_PX,
    overscan: 8,
    // Before layout (and where there is none, as in jsdom) assume a screenful so the first paint has rows.
    initialRect: { width: 1000, height: 600 },
    useFlushSync: false,
  });
  const highlightIndex = highlightKey ? rows.findIndex((r) => rowKey(r) === highlightKey) : -1;
  useEffect(() => {
    if (highlightIndex >= 0) virtualizer.scrollToIndex(highlightIndex, { align: 'center' });
  }, [highlightIndex, virtualizer]);

  const items = virtualizer.getVirtualItems();
  const before = items[0]?.start ?? 0;
  const after = Math.max(0, virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0));
  return (
    <div
      ref={scroller}
      className="gpc-sr-scroll"
      role="region"
      aria-label={`${caption} (${rows.length} rows, scrollable)`}
      // Focusable so the list scrolls with the keyboard (arrow keys, Page Down) like any page.
      tabIndex={0}
      data-testid={testId ? `${testId}-scroll` : undefined}
    >
      <table className="nhsuk-table gpc-sr-table" data-testid={testId} aria-rowcount={rows.length + 1}>
        <caption className={captionVisible ? 'nhsuk-table__caption gpc-sr-table__caption' : 'nhsuk-u-visually-hidden'}>
          {caption}
        </caption>
        <Head columns={columns} />
        <tbody className="nhsuk-table__body">
          {before > 0 && <Spacer height={before} span={columns.length} />}
          {items.map((item) => {
            const row = rows[item.index];
            if (row === undefined) return null;
            return (
              <Row
                key={rowKey(row)}
                row={row}
                index={item.index}
                columns={columns}
                highlighted={item.index === highlightIndex}
                measure={virtualizer.measureElement}
              />
            );
          })}
          {after > 0 && <Spacer height={after} span={columns.length} />}
        </tbody>
      </table>
    </div>
  );
}

/** Keeps the scroll height of the rows not rendered; hidden from assistive technology. */
function Spacer({ height, span }: { readonly height: number; readonly span: number }) {
  return (
    <tr aria-hidden="true" className="gpc-sr-spacer">
      <td colSpan={span} style={{ height }} />
    </tr>
  );
}

/** True between `beforeprint` and `afterprint`, so a printed list has every row. */
function usePrinting(): boolean {
  const [printing, setPrinting] = useState(false);
  useEffect(() => {
    const on = () => setPrinting(true);
    const off = () => setPrinting(false);
    window.addEventListener('beforeprint', on);
    window.addEventListener('afterprint', off);
    return () => {
      window.removeEventListener('beforeprint', on);
      window.removeEventListener('afterprint', off);
    };
  }, []);
  return printing;
}
