import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { latinise, parseCatalogue } from './catalogue-parser';
import { suggestForApplication } from './suggestions';

describe('parseCatalogue', () => {
  const text = [
    'Rapport',
    'Santé\tignored\tbefore\theader',
    'Domaine\tFonctionnalités\tNom du logiciel\tFournisseur',
    'Action sociale\tAides sociales\tBL SOCIAL\tBERGER LEVRAULT',
    'Action sociale\tPortage de repas\tBL SOCIAL\tBERGER LEVRAULT',
    'Affaires civiles et citoyennes\tEtat civil\tMéloдие\tARPEGE',
    '',
    'Domaine\tFonctionnalités\tNom du logiciel\tFournisseur',
    'Finances\tSignature des flux PES\ti parapheur\tLIBRICIEL',
    'Administration générale\tParapheur électronique\ti parapheur\tLIBRICIEL',
    'RH\tbroken row\tonly three',
  ].join('\n');

  it('reads rows under the (repeated) header, merges functions of one application per domain', () => {
    const r = parseCatalogue(text);
    expect(r.rows).toHaveLength(5);
    expect(r.rows[0]).toEqual({ line: 4, domain: 'Action sociale', function: 'Aides sociales', software: 'BL SOCIAL', vendor: 'BERGER LEVRAULT' });
    expect(r.applications.map((a) => [a.name, a.domain, a.functions.length])).toEqual([
      ['BL SOCIAL', 'Action sociale', 2],
      ['Mélodie', 'Affaires civiles et citoyennes', 1],
      ['i parapheur', 'Finances', 1],
      ['i parapheur', 'Administration générale', 1],
    ]);
    expect(r.warnings).toEqual([
      'line 6: "Méloдие" mixes Latin and Cyrillic letters; read as "Mélodie"',
      'line 11: expected 4 non-empty tab-separated cells, got 3; skipped',
    ]);
  });

  it('leaves whole-Cyrillic or whole-Latin words alone', () => {
    expect(latinise('Москва Paris')).toEqual({ text: 'Москва Paris', changed: false });
    expect(latinise('Pаris')).toEqual({ text: 'Paris', changed: true });
  });

  it('reads the catalogue of the 2022 activity report when it is at hand', () => {
    const path = join(__dirname, '../../../../shared/seed/000_f0cfdf28620cd6ff.txt');
    let report: string;
    try {
      report = readFileSync(path, 'utf8');
    } catch {
      return; // the shared seed is not part of every checkout
    }
    const r = parseCatalogue(report);
    expect(r.rows).toHaveLength(59);
    expect(r.applications.find((a) => a.name === 'BL SOCIAL')?.functions).toHaveLength(5);
    expect(r.warnings).toHaveLength(1);
  });
});

describe('suggestForApplication', () => {
  it('suggests by domain and function', () => {
    expect(suggestForApplication('Santé', ['Dossier Médical'])).toEqual({
      dataCategories: ['identity', 'health', 'nir', 'personal_life', 'connection_data'],
      dataSubjects: ['patients'],
    });
    const hr = suggestForApplication('RH', ['Médecine du travail']);
    expect(hr.dataCategories).toEqual(expect.arrayContaining(['nir', 'professional_life', 'health']));
    const social = suggestForApplication('Action sociale', ['Aides sociales']);
    expect(social.dataCategories).toContain('economic_financial');
    expect(social.dataCategories).not.toContain('health');
    expect(social.dataSubjects).toEqual(['social_aid_beneficiaries', 'vulnerable_persons']);
    expect(suggestForApplication('Affaires civiles et citoyennes', ['Elections']).dataSubjects).toContain('voters');
    expect(suggestForApplication('Unknown', [])).toEqual({ dataCategories: ['connection_data'], dataSubjects: [] });
  });
});
