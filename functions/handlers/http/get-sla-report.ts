import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { slaReportCsv, slaReportFor } from '../../services/sla-reports.ts';

const wantsCsv = (format: string | undefined, accept: string | undefined) => format === 'csv' || (format === undefined && /\btext\/csv\b/i.test(accept ?? ''));

export const handler = httpHandler(routeFor('getSlaReport'), async ({ query, event, principal }) => {
  const report = await slaReportFor(principal, query);
  if (!wantsCsv(query.format, event.headers['accept'])) return { statusCode: 200, body: report };
  const csv = slaReportCsv(report);
  return {
    statusCode: 200,
    rawBody: csv.content,
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${csv.filename}"; filename*=UTF-8''${encodeURIComponent(csv.filename)}` },
  };
});
