import ContractIcon from '@mui/icons-material/Description';
import type { ContractView } from '../api/types.ts';
import { ContractList } from './ContractList.tsx';
import { ContractShow } from './ContractShow.tsx';

export const contracts = { list: ContractList, show: ContractShow, icon: ContractIcon, recordRepresentation: (contract: ContractView) => contract.title };
