/**
 * An export as both writers take it: typed columns, the rows in batches (from a database cursor) and a totals row.
 * A cell is what its column's type says; null is an empty cell.
 */
export type ColumnType = 'text' | 'number' | 'integer' | 'date' | 'boolean';

export interface ExportColumn {
  header: string;
  type: ColumnType;
  /** Characters, for the XLSX column width. */
  width: number;
}

export type Cell = string | number | boolean | null;

export interface ExportTable {
  /** The sheet's name (XLSX). */
  title: string;
  columns: readonly ExportColumn[];
  rows: AsyncIterable<Cell[][]>;
  /** The last row, `Total` first; read once every row has been written. */
  totals: () => Promise<Cell[]>;
}

/** Rows written between two checks of the reader's pace (backpressure). */
export const WRITE_BATCH = 1000;
