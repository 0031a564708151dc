import CalendarIcon from '@mui/icons-material/CalendarMonth';
import { CalendarList, CalendarShow } from './CalendarPages.tsx';

export const calendars = { list: CalendarList, show: CalendarShow, icon: CalendarIcon, recordRepresentation: (calendar: { id: string; nameZh?: string }) => calendar.nameZh ?? calendar.id };
