/**
 * The origin of every transaction this page's editors make on a fiche. Undo managers track only
 * this origin, so "Annuler" reverts the person's own changes and never those received from others
 * (whose transactions carry the provider or IndexedDB as origin).
 */
export const LOCAL_EDIT: { readonly name: string } = Object.freeze({ name: 'kenlabour local edit' })
