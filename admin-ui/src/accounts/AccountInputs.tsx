/** Account inputs, shared by create (and the edit view that comes with account maintenance). */
import Stack from '@mui/material/Stack';
import { maxLength, required, SelectInput, TextInput } from 'react-admin';
import { accountTiers, industries } from '../api/types.ts';

const industryChoices = industries.map((id) => ({ id, name: `kamflow.industry.${id}` }));
const tierChoices = accountTiers.map((id) => ({ id, name: `kamflow.tier.${id}` }));

export function AccountInputs() {
  return (
    <Stack sx={{ width: '100%', maxWidth: 720 }}>
      <TextInput source="name" validate={[required(), maxLength(200)]} />
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <SelectInput source="industry" choices={industryChoices} validate={required()} sx={{ flex: 1 }} />
        <SelectInput source="tier" choices={tierChoices} validate={required()} sx={{ flex: 1 }} />
      </Stack>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <TextInput source="province" validate={maxLength(50)} sx={{ flex: 1 }} />
        <TextInput source="city" validate={maxLength(50)} sx={{ flex: 1 }} />
      </Stack>
      <TextInput source="accountManager" validate={maxLength(100)} />
    </Stack>
  );
}
