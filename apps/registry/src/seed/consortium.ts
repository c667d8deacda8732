/** The consortium as processor, from its 2022 activity report. */
export const CONSORTIUM = {
  name: 'SIIM 94 (Syndicat intercommunal informatique mutualisé)',
  address: '24, bd Paul Vaillant Couturier, 94200 Ivry-sur-Seine',
  phone: '01 43 90 25 30',
  email: 'direction@siim94.net',
  dpo: 'Délégué à la protection des données mutualisé SIIM 94 / EPT Grand-Orly Seine Bièvre',
};
