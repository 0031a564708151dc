import PolicyIcon from '@mui/icons-material/Timer';
import { SlaPolicyList, SlaPolicyShow } from './SlaPolicyPages.tsx';

export const slaPolicies = { list: SlaPolicyList, show: SlaPolicyShow, icon: PolicyIcon };
