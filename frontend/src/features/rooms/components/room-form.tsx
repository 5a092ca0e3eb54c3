import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, NumberInput, Select, Stack, Switch, TextInput, Textarea } from '@mantine/core';
import { Controller, useForm, type Control, type FieldPath } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '@/components/error-message';
import { applyFieldErrors } from '@/lib/form-errors';
import { ROOM_FIELD_NAMES, roomSchema, type RoomFormValues } from './room-schema';

type Props = {
  initialValues: RoomFormValues;
  submitLabel: string;
  onSubmit: (values: RoomFormValues) => Promise<unknown>;
  onCancel: () => void;
  isPending: boolean;
  error: unknown;
};

/** Name plus every room setting, each with a short explanation. Used to create and to edit. */
export function RoomForm({ initialValues, submitLabel, onSubmit, onCancel, isPending, error }: Props) {
  const { t } = useTranslation();
  const {
    control,
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<RoomFormValues>({ resolver: zodResolver(roomSchema), defaultValues: initialValues });
  const message = (text?: string) => (text ? t(text) : undefined);

  const submit = handleSubmit(async (values) => {
    try {
      await onSubmit(values);
    } catch (caught) {
      applyFieldErrors(caught, setError, ROOM_FIELD_NAMES);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorMessage error={error} />
        <TextInput label={t('rooms.name')} required data-autofocus {...register('name')} error={message(errors.name?.message)} />
        <Textarea
          label={t('settings.welcome')}
          description={t('settings.welcomeHelp')}
          autosize
          minRows={2}
          {...register('settings.welcome')}
          error={message(errors.settings?.welcome?.message)}
        />
        <Group grow align="flex-start" preventGrowOverflow={false} wrap="wrap">
          <CountInput control={control} name="settings.max_participants" label={t('settings.maxParticipants')} help={t('settings.maxParticipantsHelp')} />
          <CountInput control={control} name="settings.expected_size" label={t('settings.expectedSize')} help={t('settings.expectedSizeHelp')} />
        </Group>
        <Controller
          control={control}
          name="settings.guest_policy"
          render={({ field, fieldState }) => (
            <Select
              label={t('settings.guestPolicy')}
              description={t('settings.guestPolicyHelp')}
              allowDeselect={false}
              data={[
                { value: 'ALWAYS_ACCEPT', label: t('settings.guestPolicyAlways') },
                { value: 'ASK_MODERATOR', label: t('settings.guestPolicyAsk') },
              ]}
              value={field.value}
              onChange={(value) => field.onChange(value ?? 'ALWAYS_ACCEPT')}
              onBlur={field.onBlur}
              error={message(fieldState.error?.message)}
            />
          )}
        />
        <SettingSwitch control={control} name="settings.anyone_can_start" label={t('settings.anyoneCanStart')} help={t('settings.anyoneCanStartHelp')} />
        <SettingSwitch control={control} name="settings.mute_on_start" label={t('settings.muteOnStart')} help={t('settings.muteOnStartHelp')} />
        <SettingSwitch control={control} name="settings.all_join_as_moderator" label={t('settings.allJoinAsModerator')} help={t('settings.allJoinAsModeratorHelp')} />
        <SettingSwitch control={control} name="settings.record" label={t('settings.record')} help={t('settings.recordHelp')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} disabled={isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={isPending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

type FieldProps<N extends FieldPath<RoomFormValues>> = {
  control: Control<RoomFormValues>;
  name: N;
  label: string;
  help: string;
};

function CountInput({ control, name, label, help }: FieldProps<'settings.max_participants' | 'settings.expected_size'>) {
  const { t } = useTranslation();
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <NumberInput
          label={label}
          description={help}
          min={0}
          allowDecimal={false}
          allowNegative={false}
          value={field.value}
          // An emptied field means "no limit / no hint", which the API spells 0.
          onChange={(value) => field.onChange(typeof value === 'number' ? value : Number(value) || 0)}
          onBlur={field.onBlur}
          error={fieldState.error?.message && t(fieldState.error.message)}
        />
      )}
    />
  );
}

type BooleanSetting = 'settings.mute_on_start' | 'settings.anyone_can_start' | 'settings.all_join_as_moderator' | 'settings.record';

function SettingSwitch({ control, name, label, help }: FieldProps<BooleanSetting>) {
  const { t } = useTranslation();
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <Switch
          label={label}
          description={help}
          checked={field.value}
          onChange={(event) => field.onChange(event.currentTarget.checked)}
          onBlur={field.onBlur}
          error={fieldState.error?.message && t(fieldState.error.message)}
        />
      )}
    />
  );
}
