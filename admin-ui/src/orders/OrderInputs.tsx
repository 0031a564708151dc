/** Inputs of an order draft (see orderDraft.ts): who, what, where (A-end / Z-end) and by when. */
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import {
  DateInput,
  maxLength,
  ReferenceInput,
  required,
  SelectInput,
  TextInput,
  useLocaleState,
  useTranslate,
  type Validator,
} from 'react-admin';
import type { Product } from '../api/types.ts';
import { useFormatters } from '../common/formatting.ts';

/** Today as the YYYY-MM-DD the date input produces, in the user's own time zone. */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

const notBeforeToday: Validator = (value: unknown) =>
  typeof value === 'string' && value !== '' && value < localToday() ? 'kamflow.order.date_in_past' : undefined;

function SectionHeading({ messageKey }: { messageKey: string }) {
  const translate = useTranslate();
  return (
    <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, mt: 1 }}>
      {translate(messageKey)}
    </Typography>
  );
}

export function OrderInputs({ products }: { products: Product[] }) {
  const [locale] = useLocaleState();
  const translate = useTranslate();
  const format = useFormatters();
  const { setValue, getValues } = useFormContext();
  const productId: unknown = useWatch({ name: 'productId' });
  const product = products.find((candidate) => candidate.id === productId);

  // A bandwidth chosen for one product may not exist for the next one.
  useEffect(() => {
    const bandwidth: unknown = getValues('bandwidth');
    if (product && bandwidth && !product.bandwidths.some((option) => option.bandwidth === bandwidth)) {
      setValue('bandwidth', '', { shouldDirty: true });
    }
  }, [product, getValues, setValue]);

  const productChoices = products.map((candidate) => ({
    id: candidate.id,
    name: locale === 'en' ? candidate.name : candidate.nameZh,
  }));
  const bandwidthChoices = (product?.bandwidths ?? []).map((option) => ({
    id: option.bandwidth,
    name: `${option.bandwidth} — ${format.money(option.monthlyCharge)}${translate('kamflow.order.monthly_suffix')}`,
  }));

  return (
    <Stack sx={{ width: '100%', maxWidth: 880 }}>
      <SectionHeading messageKey="kamflow.order.section_customer" />
      <ReferenceInput source="accountId" reference="accounts" perPage={100}>
        <SelectInput optionText="name" validate={required()} fullWidth />
      </ReferenceInput>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <SelectInput source="productId" choices={productChoices} translateChoice={false} validate={required()} sx={{ flex: 1 }} />
        <SelectInput
          source="bandwidth"
          choices={bandwidthChoices}
          translateChoice={false}
          validate={required()}
          disabled={!product}
          sx={{ flex: 1 }}
        />
      </Stack>

      <SectionHeading messageKey="kamflow.order.section_ends" />
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <TextInput source="aEnd.city" validate={[required(), maxLength(50)]} sx={{ flex: 1 }} />
        <TextInput source="aEnd.address" validate={[required(), maxLength(300)]} sx={{ flex: 2 }} />
      </Stack>
      {product && !product.pointToPoint ? (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {translate('kamflow.order.z_end_not_needed')}
        </Typography>
      ) : (
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
          <TextInput source="zEnd.city" validate={[required(), maxLength(50)]} sx={{ flex: 1 }} />
          <TextInput source="zEnd.address" validate={[required(), maxLength(300)]} sx={{ flex: 2 }} />
        </Stack>
      )}

      <SectionHeading messageKey="kamflow.order.section_schedule" />
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <DateInput source="requestedCompletionDate" validate={[required(), notBeforeToday]} sx={{ flex: 1 }} />
        <TextInput source="externalId" validate={maxLength(100)} sx={{ flex: 1 }} />
      </Stack>
      <TextInput source="description" multiline minRows={2} validate={maxLength(1000)} />
    </Stack>
  );
}
