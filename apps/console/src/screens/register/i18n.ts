import type { Shape } from '../../i18n/shape';

/** Strings of the register editor, under the `registerEditor.` keys. */
export const registerEditorFr = {
  title: 'Fiche de traitement',
};

export const registerEditorEn: Shape<typeof registerEditorFr> = {
  title: 'Processing activity',
};
