import { NativeSelect, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CLOSE_REASONS } from '../../api/enums';
import type { CloseReason } from '../../api/responses';
import { FormActions, ModalForm } from '../../components/form-actions';

interface Props {
  count: number;
  opened: boolean;
  onCancel(): void;
  onConfirm(reason: CloseReason, comment: string): Promise<void>;
}

/** Closing alerts needs a reason and a comment (the API refuses otherwise). */
export function CloseModal({ count, opened, onCancel, onConfirm }: Props) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<CloseReason>('false_positive');
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <ModalForm
      opened={opened}
      onClose={onCancel}
      title={t('alerts.closeTitle', { count })}
      validate
      onSubmit={() => {
        setBusy(true);
        void onConfirm(reason, comment.trim()).finally(() => {
          setBusy(false);
          setComment('');
        });
      }}
    >
      <NativeSelect
        label={t('alerts.closeReason')}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value as CloseReason)}
        data={CLOSE_REASONS.map((r) => ({ value: r, label: t(`closeReason.${r}`) }))}
        data-autofocus
      />
      <Textarea
        label={t('alerts.closeComment')}
        description={t('alerts.closeCommentHint')}
        required
        minRows={3}
        value={comment}
        onChange={(e) => setComment(e.currentTarget.value)}
      />
      <FormActions
        submit={t('alerts.closeSelected')}
        onCancel={onCancel}
        busy={busy}
        color="red.9"
        disabled={!comment.trim()}
      />
    </ModalForm>
  );
}
