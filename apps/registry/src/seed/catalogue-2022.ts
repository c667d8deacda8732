/**
 * The application catalogue at the end of the consortium's 2022 activity
 * report ("Catalogue des applications mises à disposition des adhérents"),
 * copied verbatim, tab-separated, headers included. Line 720 of the report
 * spells "Mélodie" with Cyrillic letters; the parser reads it as Latin and warns.
 */
export const CATALOGUE_2022 = `Domaine	Fonctionnalités	Nom du logiciel	Fournisseur
Action sociale	Aides à domicile	ASWEB	BERGER LEVRAULT
Action sociale	Télégestion	BL NOMAD	BERGER LEVRAULT
Action sociale	Aides sociales	BL SOCIAL	BERGER LEVRAULT
Action sociale	Aides à domicile	BL SOCIAL	BERGER LEVRAULT
Action sociale	Activités Animations	BL SOCIAL	BERGER LEVRAULT
Action sociale	Portage de repas	BL SOCIAL	BERGER LEVRAULT
Action sociale	Hébergement	BL SOCIAL	BERGER LEVRAULT
Action sociale	Facturation	POLYFAC CCAS	TECHNOCARTE
Administration générale	Gestion évènementiel, salles, protocole	AGORA	AVANTI Technologies
Administration générale	Dématérialisation des BM/CM	AIRS DELIB	DIGITECH
Administration générale	Gestion de courrier	Courrier V5	SIIM94
Administration générale	Gestion de courrier	ELISE	NEOLEGGE
Administration générale	Parapheur électronique	LEGALBOX	LEGALBOX
Administration générale	Parapheur électronique	i parapheur	LIBRICIEL
Administration générale	Portails Intranet	SharePoint	SIIM94
Administration générale	Télétransmission Actes	S2low	LIBRICIEL
Affaires civiles et citoyennes	Elections	Adagio	ARPEGE
Affaires civiles et citoyennes	Etat civil : suivi des demandes CNI et passeport	Alto	ARPEGE
Affaires civiles et citoyennes	Etat civil : recensement citoyen	Maestro Opus	ARPEGE
Affaires civiles et citoyennes	Etat civil	Méloдие	ARPEGE
Affaires civiles et citoyennes	Affaires funéraires	Requiem	ARPEGE
Culture et sports	Gestion de la billetterie (théâtres)	3ème Acte	SATORI
Culture et sports	SIGB	Orphée	C3RB
Culture et sports	Réservation d'équipements sportifs	PLANITECH	JESPLAN
Culture et sports	Billetterie	SPAIECTACLE	GHS
Culture et sports	Billetterie	THEATRE INFO SYSTÈME	TIS
Domaine	Fonctionnalités	Nom du logiciel	Fournisseur
Familles	Interface comptable	Interface CONCERTO-GF	SIIM94
Familles	Scolaire, extra-scolaire et petite enfance	CONCERTO Opus	ARPEGE
Finances	Décisionnel Coriolis	Décisionnel GF Coriolis	SIIM94
Finances	Gestion financière	Sedit.GF	BERGER-LEVRAULT
Finances	Signature des flux PES	i parapheur	LIBRICIEL
Finances	Portails Financier & décisionnels	SharePoint	SIIM94
Hygiène / Sécurité	Plaintes riverains, contrôle	WEBDOSS	TEAMNET
Logement	Demandes de logement	PELEHAS	AFI
Logement	Facturation Loyers	POLYFAC	TECHNOCARTE
Marchés	Profil acheteur	MAXIMILIEN	MAXIMILIEN
Offices HLM	Gestion locative et Patrimoine	IMMOWARE ERP	AAREON
Offices HLM	Gestion locative	ULIS	SOPRA
RH	N4DS	BL Magnus N4DS	BERGER-LEVRAULT
RH	Décisionnel	Décisionnel RH	SIIM94
RH	Demandeur d'emploi	GALPE	INFO DECISION
RH	Formation	INSER	INFO DECISION
RH	Notation	Notation - évaluation	SIIM94
RH	Congés	SEDIT e-congés	BERGER-LEVRAULT
RH	Formation	SEDIT e-formation	BERGER-LEVRAULT
RH	Médecine du travail	SEDIT e-médecine	BERGER-LEVRAULT
RH	Cœur RH	SEDIT WEB2	BERGER-LEVRAULT
Santé	Dossier Médical	CROSSWAY	CEGEDIM
Santé	Dossier Dentaire	MAIDIS Dentaire	MAIDIS
Santé	Prise de rendez-vous, téléconsultations	DOCTOLIB	DOCTOLIB
Santé	Dossier Administratif patient	Elisa	CORILUS INFOSANTE
Santé	Suivi vaccinal	SVP	logiciel SVP
Services techniques	Fluides	AS-TECH : Fluides	AS-TECH
Services techniques	Gestion locative	AS-TECH : Gestion locative	AS-TECH
Services techniques	Interventions/ Stocks	AS-TECH : Interventions/ Stocks	AS-TECH
Services techniques	Parc auto	AS-TECH : Parc auto	AS-TECH
Services techniques	Gestion du patrimoine	AS-TECH : Patrimoine	AS-TECH
Services techniques	Gestion de la taxe sur la publicité extérieure	POLYFAC facturation TLPE	TECHNOCARTE
Services techniques	Gestion des droits de voirie	POLYFAC facturation droits de voirie	TECHNOCARTE
`;
