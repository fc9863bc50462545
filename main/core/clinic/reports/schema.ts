/** Row type of saved reports, as migration 0095 leaves it. */
export interface SavedReportRow {
  id: string;
  name: string;
  /** JSON of a ReportSpec. */
  spec: string;
  created_at: string;
  created_by: string | null;
  created_by_name: string | null;
  updated_at: string;
}

export interface ReportTables {
  saved_reports: SavedReportRow;
}
