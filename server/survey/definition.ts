// The questionnaire on digital exclusion, as data (shared/instrument.md).
// Ids and codes are a contract: add questions freely, never renumber or reuse a code.
// Wordings with source "IiP" are quoted (bokmål) from the citizen part of
// "IT i praksis 2022" (Rambøll, IKT-Norge, Digdir, NTNU); nn and en are our translations.
import {
  DONT_KNOW,
  PREFER_NOT_TO_SAY,
  type AnswerOption,
  type Instrument,
  type Question,
  type Text,
} from './types.ts';

const opt = (code: number, nb: string, nn: string, en: string, exclusive?: boolean): AnswerOption =>
  exclusive ? { code, label: { nb, nn, en }, exclusive } : { code, label: { nb, nn, en } };

const dontKnow = opt(DONT_KNOW, 'Vet ikke', 'Veit ikkje', "Don't know");
const preferNotToSay = opt(PREFER_NOT_TO_SAY, 'Vil ikke svare', 'Vil ikkje svare', 'Prefer not to say');
const selectAll: Text = { nb: 'Velg alle som passer.', nn: 'Vel alle som passar.', en: 'Select all that apply.' };

const taskScale: readonly AnswerOption[] = [
  opt(1, 'Svært lett', 'Svært lett', 'Very easy'),
  opt(2, 'Ganske lett', 'Ganske lett', 'Fairly easy'),
  opt(3, 'Ganske vanskelig', 'Ganske vanskeleg', 'Fairly difficult'),
  opt(4, 'Svært vanskelig', 'Svært vanskeleg', 'Very difficult'),
  opt(5, 'Har aldri prøvd', 'Har aldri prøvd', 'I have never tried'),
  dontKnow,
];

const agreementScale: readonly AnswerOption[] = [
  opt(1, 'Helt uenig', 'Heilt ueinig', 'Strongly disagree'),
  opt(2, 'Delvis uenig', 'Delvis ueinig', 'Somewhat disagree'),
  opt(3, 'Verken enig eller uenig', 'Verken einig eller ueinig', 'Neither agree nor disagree'),
  opt(4, 'Delvis enig', 'Delvis einig', 'Somewhat agree'),
  opt(5, 'Helt enig', 'Heilt einig', 'Strongly agree'),
  dontKnow,
];

const degreeScale: readonly AnswerOption[] = [
  opt(1, 'I svært liten grad', 'I svært liten grad', 'To a very small extent'),
  opt(2, 'I liten grad', 'I liten grad', 'To a small extent'),
  opt(3, 'I noen grad', 'I nokon grad', 'To some extent'),
  opt(4, 'I stor grad', 'I stor grad', 'To a large extent'),
  opt(5, 'I svært stor grad', 'I svært stor grad', 'To a very large extent'),
  dontKnow,
];

const channelOptions: readonly AnswerOption[] = [
  opt(
    1,
    'Digital selvbetjening (skjema eller «Min side» på nett)',
    'Digital sjølvbetening (skjema eller «Mi side» på nett)',
    'Digital self-service (online forms or “My page”)',
  ),
  opt(2, 'E-post', 'E-post', 'E-mail'),
  opt(3, 'Chat', 'Chat', 'Chat'),
  opt(4, 'Telefon', 'Telefon', 'Phone'),
  opt(5, 'Personlig oppmøte', 'Personleg oppmøte', 'In person'),
  opt(6, 'Brev', 'Brev', 'Letter'),
  opt(7, 'Annet', 'Anna', 'Other'),
];

const yesNoDontKnow: readonly AnswerOption[] = [opt(1, 'Ja', 'Ja', 'Yes'), opt(2, 'Nei', 'Nei', 'No'), dontKnow];

function taskQuestion(id: string, task: Text, short: Text): Question {
  return {
    id,
    type: 'single',
    section: 'skills',
    text: {
      nb: `Hvor lett eller vanskelig er det for deg å ${task.nb}?`,
      nn: `Kor lett eller vanskeleg er det for deg å ${task.nn}?`,
      en: `How easy or difficult is it for you to ${task.en}?`,
    },
    short,
    required: {
      nb: `Velg hvor lett eller vanskelig det er for deg å ${task.nb}`,
      nn: `Vel kor lett eller vanskeleg det er for deg å ${task.nn}`,
      en: `Select how easy or difficult it is for you to ${task.en}`,
    },
    options: taskScale,
  };
}

function agreementQuestion(id: string, statement: Text, short: Text): Question {
  return {
    id,
    type: 'single',
    section: 'experience',
    text: {
      nb: `Hvor enig eller uenig er du i påstanden: ${statement.nb}`,
      nn: `Kor einig eller ueinig er du i påstanden: ${statement.nn}`,
      en: `How much do you agree or disagree with this statement: ${statement.en}`,
    },
    short,
    required: {
      nb: 'Velg hvor enig eller uenig du er i påstanden',
      nn: 'Vel kor einig eller ueinig du er i påstanden',
      en: 'Select how much you agree or disagree with the statement',
    },
    options: agreementScale,
    source: 'IiP',
  };
}

const degreeRequired: Text = {
  nb: 'Velg i hvilken grad',
  nn: 'Vel i kva grad',
  en: 'Select to what extent',
};

// Phone interviewing follows common survey practice: read the question and every
// substantive option as written, in order; do not offer "don't know" or "prefer not
// to say"; when an answer does not fit, repeat the options instead of suggesting one.
const interviewer: Instrument['interviewer'] = {
  general: [
    {
      nb: 'Les spørsmålet og alle svaralternativene høyt, ordrett og i rekkefølge.',
      nn: 'Les spørsmålet og alle svaralternativa høgt, ordrett og i rekkjefølgje.',
      en: 'Read the question and all the answer options aloud, word for word and in order.',
    },
    {
      nb: 'Ikke les opp «Vet ikke» eller «Vil ikke svare». Velg dem bare hvis personen sier det selv.',
      nn: 'Ikkje les opp «Veit ikkje» eller «Vil ikkje svare». Vel dei berre om personen seier det sjølv.',
      en: 'Do not read out “Don’t know” or “Prefer not to say”. Choose them only if the person says so.',
    },
    {
      nb: 'Passer ikke svaret? Les alternativene en gang til og spør: «Hva passer best for deg?» Ikke foreslå et svar.',
      nn: 'Passar ikkje svaret? Les alternativa ein gong til og spør: «Kva passar best for deg?» Ikkje foreslå eit svar.',
      en: 'If the answer does not fit, read the options again and ask: “Which fits you best?” Do not suggest an answer.',
    },
  ],
  reserved: { nb: 'ikke les opp', nn: 'ikkje les opp', en: 'do not read out' },
  check: {
    nb: 'Spør om personen vil høre svarene igjen før du sender. Les dem opp hvis ja.',
    nn: 'Spør om personen vil høyre svara igjen før du sender. Les dei opp om ja.',
    en: 'Ask if the person wants to hear the answers again before you submit. Read them out if so.',
  },
};

export const instrument: Instrument = {
  id: 'digitalt-utenforskap',
  version: '2026.1',
  interviewer,
  sections: [
    { id: 'about', title: { nb: 'Om deg', nn: 'Om deg', en: 'About you' } },
    { id: 'skills', title: { nb: 'Digitale ferdigheter', nn: 'Digitale ferdigheiter', en: 'Digital skills' } },
    { id: 'experience', title: { nb: 'Opplevelse og tillit', nn: 'Oppleving og tillit', en: 'Experience and trust' } },
    {
      id: 'contact',
      title: { nb: 'Kontakt med det offentlige', nn: 'Kontakt med det offentlege', en: 'Contact with the public sector' },
    },
  ],
  questions: [
    // A. Om deg — drives the segment rule (classify.ts).
    {
      id: 'age_group',
      type: 'single',
      section: 'about',
      text: { nb: 'Hvor gammel er du?', nn: 'Kor gammal er du?', en: 'How old are you?' },
      interviewer: {
        nb: 'Du kan spørre hvor gammel personen er, og velge gruppen selv.',
        nn: 'Du kan spørje kor gammal personen er, og velje gruppa sjølv.',
        en: 'You may ask the person’s age and choose the group yourself.',
      },
      short: { nb: 'Alder', nn: 'Alder', en: 'Age' },
      required: { nb: 'Velg hvor gammel du er', nn: 'Vel kor gammal du er', en: 'Select how old you are' },
      options: [
        opt(1, '16–24 år', '16–24 år', '16–24 years'),
        opt(2, '25–34 år', '25–34 år', '25–34 years'),
        opt(3, '35–44 år', '35–44 år', '35–44 years'),
        opt(4, '45–54 år', '45–54 år', '45–54 years'),
        opt(5, '55–66 år', '55–66 år', '55–66 years'),
        opt(6, '67–79 år', '67–79 år', '67–79 years'),
        opt(7, '80 år eller eldre', '80 år eller eldre', '80 years or older'),
        preferNotToSay,
      ],
    },
    {
      id: 'gender',
      type: 'single',
      section: 'about',
      text: { nb: 'Hvilket kjønn er du?', nn: 'Kva kjønn er du?', en: 'What is your gender?' },
      short: { nb: 'Kjønn', nn: 'Kjønn', en: 'Gender' },
      required: { nb: 'Velg kjønn', nn: 'Vel kjønn', en: 'Select your gender' },
      options: [opt(1, 'Kvinne', 'Kvinne', 'Woman'), opt(2, 'Mann', 'Mann', 'Man'), opt(3, 'Annet', 'Anna', 'Other'), preferNotToSay],
    },
    {
      id: 'main_activity',
      type: 'single',
      section: 'about',
      text: {
        nb: 'Hva er din viktigste aktivitet nå?',
        nn: 'Kva er den viktigaste aktiviteten din no?',
        en: 'What is your main activity at the moment?',
      },
      interviewer: {
        nb: 'Har personen flere aktiviteter, spør hva som tar mest tid.',
        nn: 'Har personen fleire aktivitetar, spør kva som tek mest tid.',
        en: 'If the person has several activities, ask which takes up the most time.',
      },
      short: { nb: 'Viktigste aktivitet', nn: 'Viktigaste aktivitet', en: 'Main activity' },
      required: {
        nb: 'Velg hva som er din viktigste aktivitet nå',
        nn: 'Vel kva som er den viktigaste aktiviteten din no',
        en: 'Select your main activity at the moment',
      },
      options: [
        opt(1, 'I arbeid (heltid eller deltid)', 'I arbeid (heiltid eller deltid)', 'Working (full-time or part-time)'),
        opt(2, 'Selvstendig næringsdrivende', 'Sjølvstendig næringsdrivande', 'Self-employed'),
        opt(3, 'Student eller elev', 'Student eller elev', 'Student or pupil'),
        opt(4, 'Arbeidsledig eller arbeidssøker', 'Arbeidsledig eller arbeidssøkjar', 'Unemployed or looking for work'),
        opt(5, 'Pensjonist', 'Pensjonist', 'Retired'),
        opt(
          6,
          'Uføretrygdet eller mottar arbeidsavklaringspenger',
          'Uføretrygda eller får arbeidsavklaringspengar',
          'On disability benefit or work assessment allowance',
        ),
        opt(7, 'Hjemmeværende', 'Heimeverande', 'Homemaker'),
        opt(10, 'Annet', 'Anna', 'Other'),
        preferNotToSay,
      ],
    },
    {
      id: 'income',
      type: 'single',
      section: 'about',
      text: {
        nb: 'Omtrent hvor stor er din personlige bruttoinntekt per år (før skatt)?',
        nn: 'Omtrent kor stor er den personlege bruttoinntekta di per år (før skatt)?',
        en: 'Roughly how large is your personal gross income per year (before tax)?',
      },
      interviewer: {
        nb: 'Det gjelder personens egen inntekt før skatt, ikke husstandens. Et omtrentlig svar holder.',
        nn: 'Det gjeld inntekta til personen sjølv før skatt, ikkje hushaldet si. Eit omtrentleg svar held.',
        en: 'This is the person’s own income before tax, not the household’s. A rough answer is enough.',
      },
      short: { nb: 'Inntekt', nn: 'Inntekt', en: 'Income' },
      required: {
        nb: 'Velg omtrent hvor stor inntekten din er',
        nn: 'Vel omtrent kor stor inntekta di er',
        en: 'Select roughly how large your income is',
      },
      options: [
        opt(1, 'Under 200 000 kr', 'Under 200 000 kr', 'Under NOK 200,000'),
        opt(2, '200 000–349 999 kr', '200 000–349 999 kr', 'NOK 200,000–349,999'),
        opt(3, '350 000–500 000 kr', '350 000–500 000 kr', 'NOK 350,000–500,000'),
        opt(4, '500 001–749 999 kr', '500 001–749 999 kr', 'NOK 500,001–749,999'),
        opt(5, '750 000–999 999 kr', '750 000–999 999 kr', 'NOK 750,000–999,999'),
        opt(6, '1 million kr eller mer', '1 million kr eller meir', 'NOK 1 million or more'),
        dontKnow,
        preferNotToSay,
      ],
    },
    {
      id: 'education',
      type: 'single',
      section: 'about',
      text: {
        nb: 'Hva er din høyeste fullførte utdanning?',
        nn: 'Kva er den høgaste fullførte utdanninga di?',
        en: 'What is your highest completed education?',
      },
      short: { nb: 'Utdanning', nn: 'Utdanning', en: 'Education' },
      required: {
        nb: 'Velg din høyeste fullførte utdanning',
        nn: 'Vel den høgaste fullførte utdanninga di',
        en: 'Select your highest completed education',
      },
      options: [
        opt(1, 'Grunnskole', 'Grunnskule', 'Primary and lower secondary school'),
        opt(2, 'Videregående skole', 'Vidaregåande skule', 'Upper secondary school'),
        opt(3, 'Fagskole', 'Fagskule', 'Vocational college'),
        opt(4, 'Universitet/høyskole inntil 4 år', 'Universitet/høgskule inntil 4 år', 'University or college, up to 4 years'),
        opt(5, 'Universitet/høyskole mer enn 4 år', 'Universitet/høgskule meir enn 4 år', 'University or college, more than 4 years'),
        preferNotToSay,
      ],
    },

    // B. Digitale ferdigheter
    {
      id: 'skill_self',
      type: 'single',
      section: 'skills',
      text: {
        nb: 'Hvordan vil du bedømme dine digitale ferdigheter?',
        nn: 'Korleis vil du vurdere dei digitale ferdigheitene dine?',
        en: 'How would you rate your digital skills?',
      },
      short: { nb: 'Digitale ferdigheter', nn: 'Digitale ferdigheiter', en: 'Digital skills' },
      required: {
        nb: 'Velg hvordan du bedømmer dine digitale ferdigheter',
        nn: 'Vel korleis du vurderer dei digitale ferdigheitene dine',
        en: 'Select how you rate your digital skills',
      },
      options: [
        opt(1, 'Svært dårlige', 'Svært dårlege', 'Very poor'),
        opt(2, 'Dårlige', 'Dårlege', 'Poor'),
        opt(3, 'Middels gode', 'Middels gode', 'Average'),
        opt(4, 'Gode', 'Gode', 'Good'),
        opt(5, 'Svært gode', 'Svært gode', 'Very good'),
        dontKnow,
      ],
      source: 'IiP',
    },
    {
      id: 'devices',
      type: 'multi',
      section: 'skills',
      text: {
        nb: 'Hva av dette har du tilgang til?',
        nn: 'Kva av dette har du tilgang til?',
        en: 'Which of these do you have access to?',
      },
      hint: selectAll,
      interviewer: {
        nb: 'Les ett og ett alternativ og spør om personen har det. Velg alle hun eller han sier ja til. Nei til alle: «Ingen av disse».',
        nn: 'Les eitt og eitt alternativ og spør om personen har det. Vel alle ho eller han seier ja til. Nei til alle: «Ingen av desse».',
        en: 'Read one option at a time and ask whether the person has it. Choose every one they say yes to. No to all: “None of these”.',
      },
      short: { nb: 'Tilgang til utstyr', nn: 'Tilgang til utstyr', en: 'Access to devices' },
      required: {
        nb: 'Velg hva du har tilgang til, eller «Ingen av disse»',
        nn: 'Vel kva du har tilgang til, eller «Ingen av desse»',
        en: 'Select what you have access to, or “None of these”',
      },
      options: [
        opt(1, 'Smarttelefon', 'Smarttelefon', 'Smartphone'),
        opt(2, 'PC eller nettbrett', 'PC eller nettbrett', 'Computer or tablet'),
        opt(3, 'Internett hjemme', 'Internett heime', 'Internet at home'),
        opt(4, 'Ingen av disse', 'Ingen av desse', 'None of these', true),
      ],
    },
    {
      id: 'has_eid',
      type: 'single',
      section: 'skills',
      text: {
        nb: 'Har du elektronisk ID (BankID, MinID, Buypass eller Commfides)?',
        nn: 'Har du elektronisk ID (BankID, MinID, Buypass eller Commfides)?',
        en: 'Do you have an electronic ID (BankID, MinID, Buypass or Commfides)?',
      },
      short: { nb: 'Elektronisk ID', nn: 'Elektronisk ID', en: 'Electronic ID' },
      required: {
        nb: 'Velg om du har elektronisk ID',
        nn: 'Vel om du har elektronisk ID',
        en: 'Select whether you have an electronic ID',
      },
      options: yesNoDontKnow,
    },
    taskQuestion(
      'task_login',
      { nb: 'logge inn med elektronisk ID', nn: 'logge inn med elektronisk ID', en: 'log in with an electronic ID' },
      { nb: 'Logge inn med elektronisk ID', nn: 'Logge inn med elektronisk ID', en: 'Logging in with an electronic ID' },
    ),
    taskQuestion(
      'task_form',
      { nb: 'fylle ut og sende et skjema på nett', nn: 'fylle ut og sende eit skjema på nett', en: 'fill in and send a form online' },
      { nb: 'Fylle ut skjema på nett', nn: 'Fylle ut skjema på nett', en: 'Filling in forms online' },
    ),
    taskQuestion(
      'task_mailbox',
      {
        nb: 'lese brev i digital postkasse (for eksempel Digipost eller e-Boks)',
        nn: 'lese brev i digital postkasse (til dømes Digipost eller e-Boks)',
        en: 'read letters in a digital mailbox (for example Digipost or e-Boks)',
      },
      { nb: 'Lese brev i digital postkasse', nn: 'Lese brev i digital postkasse', en: 'Reading letters in a digital mailbox' },
    ),
    taskQuestion(
      'task_scam',
      {
        nb: 'kjenne igjen svindelforsøk på e-post eller SMS',
        nn: 'kjenne att svindelforsøk på e-post eller SMS',
        en: 'recognise scam attempts by e-mail or text message',
      },
      { nb: 'Kjenne igjen svindelforsøk', nn: 'Kjenne att svindelforsøk', en: 'Recognising scams' },
    ),

    // C. Opplevelse og tillit
    agreementQuestion(
      'agree_easy',
      {
        nb: 'Offentlige digitale tjenester er enkle å bruke',
        nn: 'Offentlege digitale tenester er enkle å bruke',
        en: 'Public digital services are easy to use',
      },
      { nb: 'Enkle å bruke', nn: 'Enkle å bruke', en: 'Easy to use' },
    ),
    agreementQuestion(
      'agree_language',
      {
        nb: 'I offentlige digitale tjenester brukes et forståelig språk',
        nn: 'I offentlege digitale tenester blir det brukt eit forståeleg språk',
        en: 'Public digital services use language that is easy to understand',
      },
      { nb: 'Forståelig språk', nn: 'Forståeleg språk', en: 'Understandable language' },
    ),
    agreementQuestion(
      'agree_municipal',
      {
        nb: 'Jeg opplever min kommunes digitale tjenester som tilpasset behovet',
        nn: 'Eg opplever at dei digitale tenestene til kommunen min er tilpassa behovet',
        en: "I find my municipality's digital services suited to my needs",
      },
      {
        nb: 'Kommunens tjenester passer behovet',
        nn: 'Tenestene til kommunen passar behovet',
        en: 'Municipal services suit my needs',
      },
    ),
    {
      id: 'trust_rights',
      type: 'single',
      section: 'experience',
      text: {
        nb: 'I hvilken grad har du tillit til at dine rettigheter blir ivaretatt i digitale løsninger fra offentlige myndigheter?',
        nn: 'I kva grad har du tillit til at rettane dine blir tekne vare på i digitale løysingar frå offentlege styresmakter?',
        en: 'To what extent do you trust that your rights are safeguarded in digital solutions from public authorities?',
      },
      short: { nb: 'Tillit: rettighetene dine', nn: 'Tillit: rettane dine', en: 'Trust: your rights' },
      required: degreeRequired,
      options: degreeScale,
      source: 'IiP',
    },
    {
      id: 'trust_data',
      type: 'single',
      section: 'experience',
      text: {
        nb: 'I hvilken grad har du tillit til at digitale løsninger fra offentlige myndigheter ivaretar dine opplysninger på en trygg måte?',
        nn: 'I kva grad har du tillit til at digitale løysingar frå offentlege styresmakter tek vare på opplysningane dine på ein trygg måte?',
        en: 'To what extent do you trust that digital solutions from public authorities keep your information safe?',
      },
      short: { nb: 'Tillit: opplysningene dine', nn: 'Tillit: opplysningane dine', en: 'Trust: your information' },
      required: degreeRequired,
      options: degreeScale,
      source: 'IiP',
    },
    {
      id: 'data_reuse',
      type: 'single',
      section: 'experience',
      text: {
        nb: 'I hvilken grad opplever du at ulike offentlige myndigheter ber deg oppgi opplysninger om deg, som de allerede har tilgjengelig?',
        nn: 'I kva grad opplever du at ulike offentlege styresmakter ber deg oppgi opplysningar om deg, som dei allereie har tilgjengelege?',
        en: 'To what extent do different public authorities ask you for information about yourself that they already have?',
      },
      short: {
        nb: 'Blir spurt om det de vet',
        nn: 'Blir spurd om det dei veit',
        en: 'Asked for what they already know',
      },
      required: degreeRequired,
      options: degreeScale,
      source: 'IiP',
    },
    {
      id: 'multi_agency',
      type: 'single',
      section: 'experience',
      text: {
        nb: 'Har du de siste to årene vært i en situasjon der du trengte hjelp fra flere offentlige instanser samtidig (for eksempel ved sykdom, dødsfall eller arbeidsledighet)?',
        nn: 'Har du dei siste to åra vore i ein situasjon der du trong hjelp frå fleire offentlege instansar samstundes (til dømes ved sjukdom, dødsfall eller arbeidsløyse)?',
        en: 'In the last two years, have you been in a situation where you needed help from several public agencies at the same time (for example because of illness, a death or unemployment)?',
      },
      interviewer: {
        nb: 'Les eksemplene i parentes også.',
        nn: 'Les døma i parentes òg.',
        en: 'Read the examples in brackets as well.',
      },
      short: { nb: 'Hjelp fra flere instanser', nn: 'Hjelp frå fleire instansar', en: 'Help from several agencies' },
      required: {
        nb: 'Velg om du har trengt hjelp fra flere offentlige instanser samtidig',
        nn: 'Vel om du har trunge hjelp frå fleire offentlege instansar samstundes',
        en: 'Select whether you needed help from several public agencies at the same time',
      },
      options: yesNoDontKnow,
    },
    {
      id: 'coherence_alone',
      type: 'single',
      section: 'experience',
      showIf: { question: 'multi_agency', anyOf: [1] },
      text: {
        nb: 'I hvilken grad var du overlatt til deg selv å skape en sammenheng og et overblikk i situasjonen?',
        nn: 'I kva grad var du overlaten til deg sjølv å skape ein samanheng og eit overblikk i situasjonen?',
        en: 'To what extent were you left on your own to make sense of the situation and get an overview?',
      },
      short: { nb: 'Overlatt til deg selv', nn: 'Overlaten til deg sjølv', en: 'Left on your own' },
      required: degreeRequired,
      options: degreeScale,
      source: 'IiP',
    },
    {
      id: 'coherence_easy',
      type: 'single',
      section: 'experience',
      showIf: { question: 'multi_agency', anyOf: [1] },
      text: {
        nb: 'I hvilken grad var det lett for deg å skape sammenheng og overblikk i situasjonen?',
        nn: 'I kva grad var det lett for deg å skape samanheng og overblikk i situasjonen?',
        en: 'To what extent was it easy for you to make sense of the situation and get an overview?',
      },
      short: { nb: 'Lett å få overblikk', nn: 'Lett å få overblikk', en: 'Easy to get an overview' },
      required: degreeRequired,
      options: degreeScale,
      source: 'IiP',
    },

    // D. Kontakt med det offentlige
    {
      id: 'channel_pref',
      type: 'single',
      section: 'contact',
      text: {
        nb: 'Når du skal kommunisere med offentlige myndigheter, foretrekker du vanligvis å bruke …',
        nn: 'Når du skal kommunisere med offentlege styresmakter, føretrekkjer du vanlegvis å bruke …',
        en: 'When you communicate with public authorities, what do you usually prefer to use?',
      },
      short: { nb: 'Foretrukket kanal', nn: 'Føretrekt kanal', en: 'Preferred channel' },
      required: {
        nb: 'Velg hva du vanligvis foretrekker å bruke',
        nn: 'Vel kva du vanlegvis føretrekkjer å bruke',
        en: 'Select what you usually prefer to use',
      },
      options: [...channelOptions, dontKnow],
      source: 'IiP',
    },
    {
      id: 'channel_last',
      type: 'single',
      section: 'contact',
      text: {
        nb: 'Hvordan henvendte du deg sist gang du var i kontakt med offentlige myndigheter?',
        nn: 'Korleis tok du kontakt sist gong du var i kontakt med offentlege styresmakter?',
        en: 'How did you get in touch the last time you were in contact with public authorities?',
      },
      short: { nb: 'Siste kontakt', nn: 'Siste kontakt', en: 'Last contact' },
      required: {
        nb: 'Velg hvordan du tok kontakt sist gang',
        nn: 'Vel korleis du tok kontakt sist gong',
        en: 'Select how you got in touch last time',
      },
      options: [
        ...channelOptions,
        opt(
          10,
          'Har ikke vært i kontakt med offentlige myndigheter',
          'Har ikkje vore i kontakt med offentlege styresmakter',
          'I have not been in contact with public authorities',
        ),
        dontKnow,
      ],
      source: 'IiP',
    },
    {
      id: 'help_source',
      type: 'multi',
      section: 'contact',
      text: {
        nb: 'Hvem spør du når du trenger hjelp med digitale tjenester?',
        nn: 'Kven spør du når du treng hjelp med digitale tenester?',
        en: 'Who do you ask when you need help with digital services?',
      },
      hint: selectAll,
      interviewer: {
        nb: 'Les ett og ett alternativ og spør om personen spør dem. Velg alle hun eller han sier ja til.',
        nn: 'Les eitt og eitt alternativ og spør om personen spør dei. Vel alle ho eller han seier ja til.',
        en: 'Read one option at a time and ask whether the person asks them. Choose every one they say yes to.',
      },
      short: { nb: 'Hvem du spør om hjelp', nn: 'Kven du spør om hjelp', en: 'Who you ask for help' },
      required: {
        nb: 'Velg hvem du spør om hjelp, eller et av «Ingen»-svarene',
        nn: 'Vel kven du spør om hjelp, eller eitt av «Ingen»-svara',
        en: 'Select who you ask for help, or one of the “No one” answers',
      },
      options: [
        opt(1, 'Familie eller venner', 'Familie eller vener', 'Family or friends'),
        opt(2, 'Biblioteket eller kommunens digihjelp', 'Biblioteket eller digihjelpa i kommunen', 'The library or the municipality’s digital help'),
        opt(3, 'NAV-kontoret', 'NAV-kontoret', 'The NAV office'),
        opt(4, 'Andre', 'Andre', 'Someone else'),
        opt(5, 'Ingen – jeg klarer meg selv', 'Ingen – eg klarer meg sjølv', 'No one – I manage on my own', true),
        opt(6, 'Ingen – jeg har ingen å spørre', 'Ingen – eg har ingen å spørje', 'No one – I have no one to ask', true),
      ],
    },
    {
      id: 'learn_pref',
      type: 'single',
      section: 'contact',
      text: {
        nb: 'Hvis du skulle lære mer om digitale tjenester, hvordan ville du helst lære?',
        nn: 'Om du skulle lære meir om digitale tenester, korleis ville du helst lære?',
        en: 'If you were to learn more about digital services, how would you prefer to learn?',
      },
      short: { nb: 'Hvordan du vil lære', nn: 'Korleis du vil lære', en: 'How you want to learn' },
      required: {
        nb: 'Velg hvordan du helst vil lære',
        nn: 'Vel korleis du helst vil lære',
        en: 'Select how you would prefer to learn',
      },
      options: [
        opt(1, 'Kurs, for eksempel på biblioteket', 'Kurs, til dømes på biblioteket', 'A course, for example at the library'),
        opt(2, 'Hjelp fra familie eller venner', 'Hjelp frå familie eller vener', 'Help from family or friends'),
        opt(3, 'Veiledning fra kommunen', 'Rettleiing frå kommunen', 'Guidance from the municipality'),
        opt(4, 'Nettkurs eller video', 'Nettkurs eller video', 'An online course or video'),
        opt(5, 'Jeg ønsker ikke opplæring', 'Eg ønskjer ikkje opplæring', 'I do not want training'),
        dontKnow,
      ],
    },
  ],
};
