import Chip from '@mui/material/Chip';
import { useTranslate } from 'react-admin';
import { colourOf, type ChipColour } from './statePresentation.ts';

type StateChipProps<K extends string> = {
  /** The raw state, e.g. `PROVISIONING`; also exposed as `data-state` for tests and support staff. */
  value: string | undefined;
  /** i18n key prefix, e.g. `kamflow.order_state`. */
  messages: string;
  colours: Record<K, ChipColour>;
  variant?: 'filled' | 'outlined';
};

export function StateChip<K extends string>({ value, messages, colours, variant = 'filled' }: StateChipProps<K>) {
  const translate = useTranslate();
  if (!value) return null;
  return (
    <Chip
      size="small"
      variant={variant}
      color={colourOf(colours, value)}
      label={translate(`${messages}.${value}`, { _: value })}
      data-state={value}
    />
  );
}
