import { Alert, Code, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The query with the character at the error's position marked, the parser's message and what it expected. */
export function KqlError({
  query,
  position,
  expected,
  message,
}: {
  query: string;
  position: number;
  expected: string[];
  message: string;
}) {
  const { t } = useTranslation();
  const at = Math.max(0, Math.min(position, query.length));
  const bad = query.slice(at, at + 1) || '\u00a0';
  return (
    <Alert color="red" role="alert" title={t('events.syntaxError', { position: at + 1 })} data-testid="kql-error">
      <Code block aria-hidden="true">
        {query.slice(0, at)}
        <mark className="kql-error-mark">{bad}</mark>
        {query.slice(at + 1)}
        {'\n'}
        {' '.repeat(at)}^
      </Code>
      <Text size="sm">{message}</Text>
      {expected.length > 0 && <Text size="sm">{t('events.expected', { expected: expected.join(', ') })}</Text>}
    </Alert>
  );
}
