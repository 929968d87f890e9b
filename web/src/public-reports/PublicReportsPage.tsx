import { PublicReportDetail } from './PublicReportDetail.tsx';
import { PublicReportList } from './PublicReportList.tsx';

/** 公众举报 / Public reports (art. 24): #/public-reports, #/public-reports/<id>. */
export function PublicReportsPage({ id }: { id?: string | undefined }) {
  return id ? <PublicReportDetail id={id} /> : <PublicReportList />;
}
