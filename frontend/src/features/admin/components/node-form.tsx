import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, NumberInput, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '@/components/error-message';
import { applyFieldErrors } from '@/lib/form-errors';
import { CHECKSUM_ALGORITHMS, DEFAULT_CHECKSUM_ALGORITHM } from '../api/types';
import { NODE_FIELD_NAMES, nodeSchema, type NodeFormValues } from './node-schema';

type Props = {
  mode: 'create' | 'edit';
  initialValues: NodeFormValues;
  onSubmit: (values: NodeFormValues) => Promise<unknown>;
  onCancel: () => void;
  isPending: boolean;
  error: unknown;
};

export function NodeForm({ mode, initialValues, onSubmit, onCancel, isPending, error }: Props) {
  const { t } = useTranslation();
  const {
    control,
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<NodeFormValues>({ resolver: zodResolver(nodeSchema(mode)), defaultValues: initialValues });
  const message = (text?: string) => (text ? t(text) : undefined);

  const submit = handleSubmit(async (values) => {
    try {
      await onSubmit(values);
    } catch (caught) {
      applyFieldErrors(caught, setError, NODE_FIELD_NAMES);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorMessage error={error} />
        <TextInput label={t('admin.nodeName')} required data-autofocus {...register('name')} error={message(errors.name?.message)} />
        <TextInput
          label={t('admin.apiUrl')}
          description={t('admin.apiUrlHelp')}
          placeholder="https://bbb1.example.org/bigbluebutton/api"
          required
          {...register('api_url')}
          error={message(errors.api_url?.message)}
        />
        <PasswordInput
          label={t('admin.secret')}
          description={mode === 'edit' ? t('admin.secretKeep') : t('admin.secretHelp')}
          autoComplete="new-password"
          required={mode === 'create'}
          {...register('secret')}
          error={message(errors.secret?.message)}
        />
        <Controller
          control={control}
          name="capacity"
          render={({ field, fieldState }) => (
            <NumberInput
              label={t('admin.capacity')}
              description={t('admin.capacityHelp')}
              min={1}
              allowDecimal={false}
              allowNegative={false}
              value={field.value}
              onChange={(value) => field.onChange(typeof value === 'number' ? value : Number(value) || 0)}
              onBlur={field.onBlur}
              error={message(fieldState.error?.message)}
            />
          )}
        />
        <Controller
          control={control}
          name="state"
          render={({ field }) => (
            <Select
              label={t('admin.stateLabel')}
              allowDeselect={false}
              data={(['enabled', 'cordoned', 'disabled'] as const).map((value) => ({ value, label: t(`admin.state.${value}`) }))}
              value={field.value}
              onChange={(value) => field.onChange(value ?? 'enabled')}
            />
          )}
        />
        <Controller
          control={control}
          name="algorithm"
          render={({ field, fieldState }) => (
            <Select
              label={t('admin.algorithm')}
              description={t('admin.algorithmHelp')}
              allowDeselect={false}
              data={CHECKSUM_ALGORITHMS.map((value) => ({ value, label: t(`admin.algorithms.${value}`) }))}
              value={field.value}
              onChange={(value) => field.onChange(value ?? DEFAULT_CHECKSUM_ALGORITHM)}
              onBlur={field.onBlur}
              error={message(fieldState.error?.message)}
            />
          )}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} disabled={isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={isPending}>
            {mode === 'create' ? t('admin.addNode') : t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
