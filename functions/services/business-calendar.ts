/** The national business calendar (Asia/Shanghai, published holiday years from chinese-days), built once per process. */
import { buildNationalCalendar } from '../domain/business-calendar.ts';

export const businessCalendar = buildNationalCalendar();
