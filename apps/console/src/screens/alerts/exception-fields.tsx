import { Textarea, TextInput, type TextareaProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const pad = (n: number) => String(n).padStart(2, '0');
/** The local calendar day of an instant, as a date input wants it. */
export const dateInput = (iso: string) => {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};
/** The local calendar day `n` days from now. */
export const inDays = (n: number) => dateInput(new Date(Date.now() + n * 86_400_000).toISOString());
/** The end of a local calendar day: an exception runs through the day it expires. */
export const endOfDay = (day: string) => (day ? new Date(`${day}T23:59:59`).toISOString() : '');

/** A text area for code (YAML, JSON): monospace, growing with its content, no spell checking. */
export function CodeTextarea(props: TextareaProps) {
  return <Textarea autosize spellCheck={false} styles={{ input: { fontFamily: 'monospace' } }} {...props} />;
}

interface ReasonExpiryProps {
  reason: string;
  expires: string;
  onReason(value: string): void;
  onExpires(value: string): void;
  errors: { reason?: string; expiresAt?: string };
}

/** The reason of an exception and the day it expires (tomorrow at the earliest, within a year), both required. */
export function ReasonExpiryFields({ reason, expires, onReason, onExpires, errors }: ReasonExpiryProps) {
  const { t } = useTranslation();
  return (
    <>
      <Textarea
        label={t('alertDetail.reason')}
        description={t('alertDetail.reasonHint')}
        required
        minRows={2}
        value={reason}
        onChange={(e) => onReason(e.currentTarget.value)}
        error={errors.reason}
      />
      <TextInput
        type="date"
        label={t('alertDetail.expiresAt')}
        description={t('alertDetail.expiresAtHint')}
        required
        value={expires}
        min={inDays(1)}
        max={inDays(366)}
        onChange={(e) => onExpires(e.currentTarget.value)}
        error={errors.expiresAt}
      />
    </>
  );
}
