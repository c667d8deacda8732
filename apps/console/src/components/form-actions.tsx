import { Button, Group, Modal, Stack, type ButtonProps, type ModalProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './error-alert';

interface FormActionsProps {
  /** An error to show above the buttons (the form's general problem), if any. */
  error?: unknown;
  /** The label of the submit button. */
  submit: ReactNode;
  onCancel(): void;
  busy?: boolean;
  disabled?: boolean;
  color?: ButtonProps['color'];
  cancelVariant?: ButtonProps['variant'];
}

/** The end of a form: its general error if any, then Cancel and the submit button (busy while the request runs). */
export function FormActions({
  error,
  submit,
  onCancel,
  busy,
  disabled,
  color,
  cancelVariant = 'default',
}: FormActionsProps) {
  const { t } = useTranslation();
  return (
    <>
      {error !== undefined && <ErrorAlert error={error} />}
      <Group justify="flex-end">
        <Button variant={cancelVariant} onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" color={color} loading={busy} disabled={disabled}>
          {submit}
        </Button>
      </Group>
    </>
  );
}

interface ModalFormProps {
  opened: boolean;
  onClose(): void;
  title: ReactNode;
  size?: ModalProps['size'];
  /** Let the inputs' own checks run (off by default: the API's field problems are shown instead). */
  validate?: boolean;
  onSubmit(): void;
  children: ReactNode;
}

/** A dialog holding one form: a labelled close button, submit by button or Enter, fields stacked. */
export function ModalForm({ opened, onClose, title, size, validate = false, onSubmit, children }: ModalFormProps) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      size={size}
      title={title}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form
        noValidate={!validate}
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        <Stack>{children}</Stack>
      </form>
    </Modal>
  );
}
