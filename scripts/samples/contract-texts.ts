// The four sample contracts, between made-up companies (under the reserved .test domain), signed by people
// named by the invoice generator: a services agreement, a distributor agreement and a software licence as
// PDFs, and a supply agreement as a Word document. Each opens the way the contract-type model (trained on
// CUAD) expects its type to open, and holds the clauses such contracts have.
import type { InvoiceLanguage } from '../../main/invoices/types.ts';
import { personName } from '../../models/recipes/invoices/names.ts';
import { createRandom } from '../../models/recipes/invoices/random.ts';
import {
  confidentiality,
  forceMajeure,
  general,
  governingLaw,
  insolvencyTermination,
  limitationOfLiability,
  notices,
  survival,
  type CommonTerms,
} from './contract-clauses.ts';
import { resolveReferences, type Contract, type ContractParty } from './contract-model.ts';

const SEED = 11;

const CONFIDENTIAL_INFORMATION =
  '"Confidential Information" means all information of a confidential nature relating to the business, affairs, products, customers, suppliers, plans, prices or systems of a party that is disclosed to the other party in connection with this Agreement, in whatever form and whether or not marked as confidential';

const INTERPRETATION =
  'Clause, Schedule and paragraph headings do not affect the interpretation of this Agreement. The Schedules form part of this Agreement and references to this Agreement include the Schedules. Words in the singular include the plural and the other way round, and the words "including", "include" and "in particular" are illustrative and do not limit the words before them.';

function signatory(language: InvoiceLanguage, purpose: string, title: string) {
  return { name: personName(language, createRandom(SEED).fork(purpose)), title };
}

function ukDate(iso: string): string {
  return new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

function usDate(iso: string): string {
  return new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-US', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

function definitions(items: string[]): string {
  return `In this Agreement the following definitions apply: ${items.slice(0, -1).join('; ')}; and ${items.at(-1)}.`;
}

function servicesAgreement(): Contract {
  const date = '2024-03-01';
  const provider: ContractParty = {
    name: 'Corvantis Managed Services Ltd',
    short: 'Provider',
    description: 'a company incorporated and registered in England and Wales',
    address: 'Unit 4, Calloway Yard, 18 Tanner Row, Leeds LS1 6QT, United Kingdom',
    signatory: signatory('en', 'services provider', 'Managing Director'),
    noticeEmail: 'legal@corvantis.test',
  };
  const customer: ContractParty = {
    name: 'Hallowby Freight Ltd',
    short: 'Customer',
    description: 'a company incorporated and registered in England and Wales',
    address: 'Hallowby House, 2 Quayside Way, Hull HU1 9XZ, United Kingdom',
    signatory: signatory('en', 'services customer', 'Finance Director'),
    noticeEmail: 'contracts@hallowbyfreight.test',
  };
  const terms: CommonTerms = {
    a: provider,
    b: customer,
    law: 'England and Wales',
    courts: 'the courts of England and Wales',
    liabilityCap: 'twelve (12) months',
    forceMajeureDays: 'sixty (60)',
    english: true,
  };
  return {
    file: 'services-agreement-corvantis-hallowby.pdf',
    format: 'pdf',
    paper: 'a4',
    title: 'SERVICES AGREEMENT',
    date,
    signedOn: ukDate(date),
    opening: `This Services Agreement (the "Agreement") is dated ${ukDate(date)} (the "Effective Date") and is made between:`,
    parties: [provider, customer],
    recitalsHeading: 'BACKGROUND',
    recitals: [
      '(A) The Provider carries on business as a provider of managed IT services, including service desk, infrastructure monitoring, security patching and back-up services.',
      '(B) The Customer operates freight forwarding and warehousing businesses from three sites in the north of England and wishes to outsource the support and management of its IT infrastructure.',
      '(C) The Customer has selected the Provider following a competitive tender, and the parties have agreed that the Provider will provide the Services to the Customer on the terms of this Agreement.',
    ],
    agreement: 'AGREED TERMS',
    sections: [
      {
        heading: 'Definitions and Interpretation',
        clauses: [
          definitions([
            '"Business Day" means a day other than a Saturday, Sunday or public holiday in England',
            '"Charges" means the charges for the Services set out in Schedule 2',
            CONFIDENTIAL_INFORMATION,
            '"Customer Data" means all data, including personal data, that the Customer or its users provide to the Provider or that the Provider processes on the Customer\'s behalf',
            '"Data Protection Legislation" means the UK GDPR, the Data Protection Act 2018 and any other law relating to the processing of personal data that applies to either party',
            '"Good Industry Practice" means the exercise of the skill, care, prudence, efficiency and foresight that would reasonably be expected from a skilled and experienced provider of services similar to the Services',
            '"Service Credits" means the reductions of the Charges set out in Schedule 1',
            '"Service Levels" means the levels of performance of the Services set out in Schedule 1',
            '"Services" means the managed IT services described in clause [[The Services]] and Schedule 1',
            '"Sites" means the Customer\'s premises in Hull, Immingham and Doncaster',
          ]),
          INTERPRETATION,
          'If there is any conflict between the clauses and the Schedules, the clauses prevail.',
        ],
      },
      {
        heading: 'Commencement and Term',
        clauses: [
          'This Agreement starts on the Effective Date and continues for an initial term of thirty-six (36) months (the "Initial Term"). It then renews automatically for successive periods of twelve (12) months (each a "Renewal Term"), unless either party gives the other at least ninety (90) days\' written notice of termination to expire at the end of the Initial Term or the relevant Renewal Term, or it is terminated earlier in accordance with its terms.',
          "The Provider shall complete the transition of the Services from the Customer's incumbent supplier by 31 May 2024 in accordance with the transition plan agreed by the parties. Until the transition is complete the Service Levels do not apply and the Charges are reduced as set out in Schedule 2.",
        ],
      },
      {
        heading: 'The Services',
        clauses: [
          'The Provider shall provide the Services to the Customer from the Effective Date in accordance with this Agreement, Good Industry Practice and all applicable laws.',
          "The Services comprise: (a) a service desk for up to 180 named users, available by telephone, email and web portal from 7.00 am to 7.00 pm on Business Days; (b) monitoring of the Customer's servers, network devices and firewalls 24 hours a day, 7 days a week; (c) monthly security patching of servers and end-user devices; (d) daily back-up of the Customer's servers and its cloud email and file storage, with a test restore every quarter; (e) on-site support at the Sites by an engineer within the response times in Schedule 1; and (f) a quarterly service review with the Customer's nominated representative.",
          "The Provider shall appoint a service manager who shall be the Customer's main point of contact for the Services, attend the quarterly service reviews and have authority to make decisions on behalf of the Provider about the day-to-day delivery of the Services.",
          "The Provider may use subcontractors to perform parts of the Services with the Customer's prior written consent, which shall not be unreasonably withheld. The Provider remains responsible for all acts and omissions of its subcontractors as if they were its own.",
        ],
      },
      {
        heading: 'Service Levels',
        clauses: [
          'The Provider shall meet or exceed the Service Levels. It shall report its performance against each Service Level in a monthly report delivered to the Customer within ten (10) Business Days after the end of each month.',
          'If the Provider fails to meet a Service Level in any month, the Customer shall be entitled to the Service Credits set out in Schedule 1, which shall be shown as a deduction on the next invoice. The total Service Credits in any month shall not exceed fifteen per cent (15%) of the monthly Charges.',
          "The parties agree that the Service Credits are a price adjustment reflecting the reduced value of the Services and not an estimate of the loss the Customer may suffer. Service Credits are without prejudice to the Customer's other rights and remedies, including its right to terminate under clause [[Termination]].2 for persistent failure.",
        ],
      },
      {
        heading: 'Customer Obligations',
        clauses: [
          "The Customer shall: (a) co-operate with the Provider in all matters relating to the Services; (b) give the Provider's personnel reasonable access to the Sites, systems and information they need to perform the Services; (c) keep its users' account details up to date and notify the Provider promptly of joiners and leavers; and (d) maintain valid licences for the third-party software installed on its systems.",
          "If the Provider's performance of its obligations is prevented or delayed by any act or omission of the Customer, the Provider shall not be liable for any resulting failure to meet the Service Levels, provided that it notifies the Customer of the matter promptly and uses reasonable endeavours to perform despite it.",
        ],
      },
      {
        heading: 'Charges and Payment',
        clauses: [
          'In consideration of the Services, the Customer shall pay the Charges set out in Schedule 2. The Provider shall invoice the monthly Charges in advance on or after the first day of each month, and any additional Charges monthly in arrears.',
          'The Customer shall pay each correct invoice within thirty (30) days of the date of the invoice to the bank account nominated in writing by the Provider. All amounts are stated exclusive of value added tax, which the Customer shall pay in addition at the applicable rate on receipt of a valid VAT invoice.',
          'If the Customer fails to pay any amount properly due by the due date, the Provider may charge interest on the overdue amount at the rate of four per cent (4%) a year above the Bank of England base rate from time to time, accruing daily from the due date until payment is made. If the Customer disputes an invoice in good faith, it shall notify the Provider within fifteen (15) days of receiving it and pay the undisputed part by the due date.',
          "The Provider may increase the Charges once in each year, on an anniversary of the Effective Date, by giving the Customer at least sixty (60) days' written notice, by no more than the percentage increase in the Consumer Prices Index over the preceding twelve months and in any case by no more than five per cent (5%).",
        ],
      },
      {
        heading: 'Change Control',
        clauses: [
          'Either party may request a change to the scope or execution of the Services by giving written notice to the other. The Provider shall, within ten (10) Business Days of a request, provide a written estimate of the effect of the change on the Charges, the Service Levels and any other terms of this Agreement.',
          'No change shall take effect until it has been agreed in writing and signed by both parties. Until then, the Provider shall continue to provide the Services as if the request had not been made.',
        ],
      },
      {
        heading: 'Data Protection',
        clauses: [
          'Both parties shall comply with all applicable requirements of the Data Protection Legislation. For the purposes of this Agreement, the Customer is the controller and the Provider is the processor of any personal data in the Customer Data.',
          "The Provider shall: (a) process that personal data only on the documented instructions of the Customer; (b) ensure that its personnel who process it are bound by obligations of confidentiality; (c) implement appropriate technical and organisational measures to protect it against unauthorised or unlawful processing and against accidental loss, destruction or damage; (d) not transfer it outside the United Kingdom without the Customer's prior written consent; (e) assist the Customer in responding to requests from data subjects and in meeting its obligations on security, breach notification and data protection impact assessments; (f) notify the Customer without undue delay, and in any case within twenty-four (24) hours, on becoming aware of a personal data breach; and (g) at the Customer's choice, delete or return the personal data when this Agreement ends.",
          "The Provider shall not engage another processor without the Customer's prior written authorisation. The processors the Customer authorises at the Effective Date are listed in Schedule 1.",
          'The Provider shall make available to the Customer all information necessary to demonstrate compliance with this clause, and allow for and contribute to audits, including inspections, conducted by the Customer or an auditor it appoints, on reasonable notice and not more than once in any twelve-month period unless a personal data breach has occurred.',
        ],
      },
      confidentiality(),
      {
        heading: 'Intellectual Property',
        clauses: [
          'Each party retains ownership of all intellectual property rights it owned before the Effective Date or develops independently of this Agreement. The Customer retains all rights in the Customer Data.',
          'The Provider grants the Customer a non-exclusive, royalty-free licence for the term of this Agreement to use any software, documentation and other materials the Provider provides as part of the Services, for the purpose of receiving and using the Services.',
          "The Provider shall defend the Customer against any claim that the Customer's receipt or use of the Services infringes the intellectual property rights of a third party, and shall indemnify the Customer against all damages, costs and expenses finally awarded against it as a result, provided that the Customer promptly notifies the Provider of the claim, allows the Provider to conduct its defence and gives reasonable assistance at the Provider's cost.",
        ],
      },
      {
        heading: 'Warranties',
        clauses: [
          'Each party warrants that it has full power and authority to enter into and perform this Agreement, and that this Agreement has been executed by its duly authorised representative.',
          'The Provider warrants that: (a) the Services will be performed with reasonable skill and care by appropriately qualified and experienced personnel; (b) it holds, and will maintain throughout the term of this Agreement, current certification to ISO/IEC 27001 for the systems used to provide the Services; and (c) it will use up-to-date, industry-standard software to detect and prevent viruses and other malicious code in the systems used to provide the Services.',
          'Except as expressly set out in this Agreement, all warranties, conditions and other terms implied by statute or common law are excluded to the fullest extent permitted by law.',
        ],
      },
      limitationOfLiability(terms),
      {
        heading: 'Termination',
        clauses: [
          insolvencyTermination(),
          "The Customer may terminate this Agreement by giving thirty (30) days' written notice to the Provider if the Provider fails to meet the same Service Level in any three (3) months within a rolling period of six (6) months, or if the Service Credits in any two consecutive months reach the maximum set out in clause [[Service Levels]].2.",
          'The Provider may terminate this Agreement by giving written notice to the Customer if the Customer fails to pay any undisputed amount due under this Agreement within thirty (30) days after being notified in writing that the payment is overdue.',
          "The Customer may terminate this Agreement for convenience at any time after the first anniversary of the Effective Date by giving the Provider at least six (6) months' written notice and paying the early termination charge set out in Schedule 2.",
        ],
      },
      {
        heading: 'Consequences of Termination',
        clauses: [
          'On termination or expiry of this Agreement for any reason, the Provider shall, for up to ninety (90) days and at the Customer\'s request, provide the assistance the Customer reasonably requires to transfer the Services to the Customer or a replacement supplier in an orderly manner ("Exit Assistance"), including the return of all Customer Data in a commonly used format, the handover of documentation and administrator credentials, and knowledge transfer to the replacement supplier. Exit Assistance is charged at the day rates in Schedule 2, except where the Customer has terminated under clause [[Termination]].1 or [[Termination]].2.',
          'The Customer shall pay all outstanding invoices of the Provider. For Services supplied but not yet invoiced, the Provider shall submit an invoice, which shall be payable within thirty (30) days of receipt.',
          survival(['[[Intellectual Property]].3', '[[Consequences of Termination]]']),
        ],
      },
      forceMajeure(terms),
      notices(terms),
      general(terms),
      governingLaw(terms),
    ],
    schedules: [
      {
        heading: 'SCHEDULE 1 - SERVICES AND SERVICE LEVELS',
        lines: [
          'Service desk hours: 7.00 am to 7.00 pm on Business Days; monitoring and Priority 1 incidents 24 hours a day, 7 days a week.',
          '- Priority 1 incident (a Site or a business-critical system unavailable): response within 30 minutes, resolution or workaround within 4 hours; target 95% of incidents each month.',
          '- Priority 2 incident (a major function impaired for many users): response within 1 hour, resolution within 8 business hours; target 95%.',
          '- Priority 3 incident (a single user affected, or a minor fault): response within 4 business hours, resolution within 3 Business Days; target 90%.',
          '- Service requests (new users, access changes, equipment moves): completed within 2 Business Days; target 90%.',
          '- Availability of the monitoring service: 99.5% in each month.',
          '- Back-ups: 98% of scheduled back-ups complete successfully; failed back-ups rerun within 24 hours.',
          'Service Credits: 2% of the monthly Charges for each Service Level missed in a month, and 4% for each Service Level missed by more than 10 percentage points, subject to the cap in clause [[Service Levels]].2.',
          'Authorised processors: Stratusvale Hosting Ltd (back-up storage, United Kingdom) and Pagewell Telephony Ltd (service desk telephony, United Kingdom).',
        ],
      },
      {
        heading: 'SCHEDULE 2 - CHARGES',
        lines: [
          '- Monthly service charge: GBP 14,850.00 for up to 180 named users; each additional user GBP 72.00 a month.',
          '- Transition: a one-off charge of GBP 9,600.00, invoiced when the transition is complete; until then the monthly service charge is reduced by 50%.',
          '- Day rates for work outside the scope of the Services, approved changes and Exit Assistance: engineer GBP 640.00; senior engineer GBP 780.00; project manager GBP 820.00.',
          '- Early termination charge: the monthly service charge multiplied by the lesser of six (6) and the number of whole months remaining in the Initial Term.',
          'All amounts are exclusive of VAT.',
        ],
      },
    ],
    execution: 'This Agreement has been entered into on the date stated at the beginning of it.',
  };
}

function distributorAgreement(): Contract {
  const date = '2024-01-15';
  const supplier: ContractParty = {
    name: 'Veltrana Instruments GmbH',
    short: 'Supplier',
    description:
      'a limited liability company organised under the laws of the Federal Republic of Germany and registered with the commercial register of the local court of Munich',
    address: 'Lindenbogen 14, 80997 Munich, Germany',
    signatory: signatory('de', 'distributor supplier', 'Managing Director'),
    noticeEmail: 'legal@veltrana.test',
  };
  const distributor: ContractParty = {
    name: 'Ostrega Científica S.L.',
    short: 'Distributor',
    description: 'a limited liability company organised under the laws of the Kingdom of Spain',
    address: 'Calle del Tinte 27, 46001 Valencia, Spain',
    signatory: signatory('es', 'distributor distributor', 'Director General'),
    noticeEmail: 'direccion@ostrega.test',
  };
  const terms: CommonTerms = {
    a: supplier,
    b: distributor,
    law: 'the Federal Republic of Germany',
    lawNote:
      'The United Nations Convention on Contracts for the International Sale of Goods (CISG) shall not apply. This Agreement is made in the English language, which shall prevail over any translation of it.',
    courts: 'the courts of Munich, Germany,',
    liabilityCap: 'twelve (12) months',
    forceMajeureDays: 'ninety (90)',
    english: false,
  };
  return {
    file: 'distributor-agreement-veltrana-ostrega.pdf',
    format: 'pdf',
    paper: 'a4',
    title: 'EXCLUSIVE DISTRIBUTOR AGREEMENT',
    date,
    signedOn: ukDate(date),
    opening: `This Exclusive Distributor Agreement (the "Agreement") is made on ${ukDate(date)} (the "Effective Date") between:`,
    parties: [supplier, distributor],
    recitalsHeading: 'RECITALS',
    recitals: [
      '(A) The Supplier designs and manufactures precision laboratory balances, moisture analysers, electronic pipettes and related accessories.',
      '(B) The Distributor carries on business as a distributor of laboratory equipment to universities, hospitals and industrial laboratories in Spain and Portugal, and has the sales organisation, technical staff and customer relationships needed to promote the Products in the Territory.',
      '(C) The Supplier wishes to appoint the Distributor as its exclusive distributor of the Products in the Territory, and the Distributor wishes to accept that appointment, on the terms of this Agreement.',
    ],
    agreement: 'NOW IT IS AGREED as follows:',
    sections: [
      {
        heading: 'Definitions and Interpretation',
        clauses: [
          definitions([
            '"Business Day" means a day on which banks are open for general business in Munich and in Valencia',
            CONFIDENTIAL_INFORMATION,
            '"Contract Year" means each period of twelve (12) months starting on the Effective Date or on an anniversary of it',
            '"Customer" means a person in the Territory who buys Products from the Distributor for its own use and not for resale',
            '"Minimum Purchase Target" means the net invoice value of Products set out for each Contract Year in Schedule 2',
            '"Order" means an order for Products placed by the Distributor under clause [[Orders and Delivery]]',
            '"Price List" means the Supplier\'s list of prices for the Products in force from time to time',
            '"Products" means the products listed in Schedule 1, as amended under clause [[Products and Prices]].3',
            '"Territory" means the Kingdom of Spain, including the Balearic and Canary Islands, and the Portuguese Republic, including Madeira and the Azores',
            '"Trade Marks" means the trade marks listed in Schedule 1',
          ]),
          INTERPRETATION,
        ],
      },
      {
        heading: 'Appointment',
        clauses: [
          'The Supplier appoints the Distributor as its exclusive distributor for the resale of the Products to Customers in the Territory, and the Distributor accepts the appointment, on the terms of this Agreement.',
          'During the term of this Agreement the Supplier shall not appoint any other person to distribute the Products in the Territory and shall not itself sell the Products to customers in the Territory, except for sales to multinational customers under framework agreements concluded centrally by the Supplier, on which the Supplier shall pay the Distributor a service commission of five per cent (5%) of the net invoice value.',
          'The Distributor shall not actively seek customers for the Products outside the Territory, establish any branch or maintain any distribution depot for the Products outside the Territory. Nothing in this Agreement prevents the Distributor from responding to unsolicited orders from customers outside the Territory within the European Economic Area.',
          "The Distributor shall buy and resell the Products in its own name and for its own account. The Distributor is not the Supplier's agent and has no authority to make any contract or commitment on behalf of the Supplier.",
          "During the term of this Agreement the Distributor shall not, without the Supplier's prior written consent, manufacture, distribute or promote in the Territory any products that compete with the Products.",
        ],
      },
      {
        heading: 'Products and Prices',
        clauses: [
          'The Distributor shall buy the Products at the prices in the Price List less the discounts set out in Schedule 2. Prices are exclusive of value added tax and of any other taxes and duties.',
          "The Supplier may change the Price List by giving the Distributor at least ninety (90) days' written notice. Orders accepted before the change takes effect shall be invoiced at the prices in force when they were accepted.",
          "The Supplier may add products to Schedule 1, or discontinue any Product on at least six (6) months' written notice. For a discontinued Product the Supplier shall continue to supply spare parts for at least seven (7) years after its last delivery of that Product to the Distributor.",
          'The Distributor is free to determine the prices at which it resells the Products to Customers.',
        ],
      },
      {
        heading: 'Orders and Delivery',
        clauses: [
          "The Distributor shall place Orders in writing or through the Supplier's dealer portal, stating the Products, quantities and requested delivery dates. An Order is binding only once the Supplier has accepted it in writing. The Supplier shall accept or reject each Order within five (5) Business Days and shall not without good reason reject an Order that is consistent with the forecasts given under clause [[Orders and Delivery]].2.",
          'By the tenth day of each calendar quarter the Distributor shall give the Supplier a non-binding forecast of its requirements for the Products for the following two quarters.',
          "The Products shall be delivered FCA the Supplier's warehouse in Munich (Incoterms 2020). Risk in the Products passes to the Distributor on delivery. Title to the Products passes to the Distributor only when the Supplier has received payment in full for them.",
          'The Supplier shall use reasonable endeavours to deliver the Products within the delivery times in its order confirmation. Delivery times are estimates; if the Supplier expects a delay of more than ten (10) Business Days, it shall notify the Distributor promptly, and the Distributor may cancel the affected part of the Order without liability.',
          'The Distributor shall inspect the Products on delivery and notify the Supplier in writing of any shortage or visible defect within eight (8) Business Days of delivery, and of any hidden defect within eight (8) Business Days of discovering it.',
        ],
      },
      {
        heading: 'Payment',
        clauses: [
          'The Supplier shall invoice each delivery on dispatch. The Distributor shall pay each invoice in euro within forty-five (45) days of the invoice date by bank transfer to the account shown on the invoice.',
          "If the Distributor fails to pay any amount by its due date, it shall pay interest on the overdue amount at the statutory rate for commercial transactions under German law, and the Supplier may, after giving ten (10) Business Days' written notice, suspend deliveries until all overdue amounts have been paid.",
          "The Supplier may set a credit limit for the Distributor, which at the Effective Date is set out in Schedule 2, and may require payment in advance for any Order that would take the Distributor's outstanding balance above that limit.",
        ],
      },
      {
        heading: 'Minimum Purchase Targets',
        clauses: [
          'The Distributor shall buy Products with a net invoice value of at least the Minimum Purchase Target in each Contract Year.',
          "If the Distributor fails to reach the Minimum Purchase Target in any Contract Year, the Supplier may, as its sole remedy for the shortfall and by written notice given within sixty (60) days after the end of that Contract Year, either (a) convert the Distributor's appointment into a non-exclusive appointment with effect from the date of the notice, or (b) if the shortfall is more than twenty per cent (20%), terminate this Agreement on three (3) months' written notice.",
        ],
      },
      {
        heading: "Distributor's Obligations",
        clauses: [
          "The Distributor shall: (a) use its best endeavours to promote and extend the sale of the Products throughout the Territory; (b) keep a stock of Products and spare parts sufficient to meet Customers' demand in good time, and at least the minimum stock set out in Schedule 2; (c) employ at least two (2) service technicians trained by the Supplier to install, calibrate and repair the Products; (d) provide installation, calibration and after-sales service to Customers; (e) keep full records of its sales and of Customer complaints, and give the Supplier each quarter a report of sales by Product and region, stock levels and market conditions; and (f) attend the Supplier's annual distributor meeting.",
          "The Distributor shall comply with all laws that apply to the import, storage, marketing and sale of the Products in the Territory, including laws on product safety, on the collection and recycling of electrical and electronic equipment, and against bribery and corruption. It shall not make any representation or give any warranty about the Products beyond those in the Supplier's published specifications.",
          "The Distributor shall inform the Supplier without delay of any complaint or incident involving a Product that may indicate a risk to health or safety, and shall co-operate with the Supplier in any corrective action or recall, at the Supplier's cost unless the recall was caused by the Distributor's breach of this Agreement.",
        ],
      },
      {
        heading: "Supplier's Obligations",
        clauses: [
          "The Supplier shall: (a) supply the Distributor free of charge with sales literature, technical documentation and demonstration samples in reasonable quantities, and provide Spanish and Portuguese translations of the user manuals; (b) provide initial training, and annual refresher training, for the Distributor's sales and service personnel at the Supplier's premises; (c) refer to the Distributor all enquiries it receives from potential customers in the Territory; and (d) inform the Distributor in good time of any planned changes to the Products, the Price List or its distribution policy.",
          'The Supplier shall ensure that the Products comply with their specifications and carry the CE marking and any other conformity markings required for their sale in the Territory.',
        ],
      },
      {
        heading: 'Trade Marks',
        clauses: [
          'The Supplier grants the Distributor a non-exclusive licence, for the term of this Agreement, to use the Trade Marks in the Territory solely to identify and promote the Products. The Distributor shall not use the Trade Marks as part of its company or trading name, and shall not register any trade mark, domain name or social media account that consists of or contains the Trade Marks or anything confusingly similar to them.',
          "The Distributor shall not alter, remove or tamper with any Trade Marks, serial numbers or labels on the Products or their packaging, and shall follow the Supplier's brand guidelines in all advertising and promotional material.",
          "The Distributor shall promptly notify the Supplier of any actual or suspected infringement of the Trade Marks in the Territory. The Supplier shall decide whether to take action, and the Distributor shall give it reasonable assistance at the Supplier's cost.",
        ],
      },
      {
        heading: 'Product Warranty',
        clauses: [
          'The Supplier warrants to the Distributor that the Products will be free from defects in design, material and workmanship and will conform to their specifications for twenty-four (24) months from delivery to the Customer, and in any event for no longer than thirty (30) months from delivery to the Distributor.',
          "If a Product does not comply with this warranty, the Supplier shall at its option repair or replace it or refund its price, and shall reimburse the Distributor for the reasonable cost of carriage of the defective Product and for the labour the Distributor spends on warranty repairs at the rate set out in Schedule 2. The Supplier has no liability under this clause if the defect arises from fair wear and tear, wilful damage, negligence, abnormal working conditions, failure to follow the Supplier's instructions, or alteration or repair without the Supplier's approval.",
        ],
      },
      confidentiality(),
      limitationOfLiability(terms),
      {
        heading: 'Term and Termination',
        clauses: [
          "This Agreement starts on the Effective Date and continues for an initial period of three (3) years. It then continues for successive periods of one (1) year unless either party terminates it by giving at least six (6) months' written notice to expire at the end of the initial period or of any later year.",
          insolvencyTermination(),
          'Either party may terminate this Agreement by written notice if the other party comes under the control of a competitor of the terminating party.',
        ],
      },
      {
        heading: 'Consequences of Termination',
        clauses: [
          'On termination or expiry of this Agreement: (a) the Distributor shall stop promoting, marketing and advertising the Products and using the Trade Marks, except to sell the stock it holds under clause [[Consequences of Termination]].2; (b) the Distributor shall return to the Supplier all sales literature, samples and technical documentation, except what it needs to service Products sold to Customers; and (c) all outstanding invoices become due for payment immediately.',
          "The Supplier may, by written notice given within thirty (30) days after termination, buy back any Products in the Distributor's stock that are in their original packaging and in saleable condition, at the price the Distributor paid for them. The Distributor may sell any stock the Supplier does not buy back in the ordinary course of business for six (6) months after termination.",
          'The Distributor shall continue to provide warranty and after-sales service for Products it has sold for twelve (12) months after termination, unless the Supplier appoints another service provider for the Territory before then.',
          'Neither party shall be entitled to compensation or an indemnity from the other for the termination or expiry of this Agreement in accordance with its terms, except to the extent that mandatory law provides otherwise.',
          survival(['[[Trade Marks]].2', '[[Consequences of Termination]]']),
        ],
      },
      forceMajeure(terms),
      notices(terms),
      general(terms),
      governingLaw(terms),
    ],
    schedules: [
      {
        heading: 'SCHEDULE 1 - PRODUCTS AND TRADE MARKS',
        lines: [
          '- Precision balances: VELTRANA PRECISIO P-series (readability 0.1 mg to 1 mg), models P120, P220 and P520.',
          '- Analytical balances: VELTRANA A-series (readability 0.01 mg), models A85 and A125.',
          '- Moisture analysers: VELTRANA M-series, models M50 and M110.',
          '- Electronic pipettes: VELTRANA EP single-channel and eight-channel pipettes, 0.5 µl to 1,000 µl.',
          '- Accessories and spare parts: calibration weights, draft shields, printers, pipette tips and charging stands, as listed in the Price List.',
          'Trade Marks: the word marks VELTRANA and VELTRANA PRECISIO, and the Veltrana wave logo.',
        ],
      },
      {
        heading: 'SCHEDULE 2 - COMMERCIAL TERMS',
        lines: [
          '- Discount: 32% off the Price List for balances, moisture analysers and pipettes; 20% for accessories and spare parts.',
          '- Minimum Purchase Targets (net invoice value): first Contract Year EUR 420,000; second Contract Year EUR 480,000; third Contract Year EUR 550,000; each later Contract Year, the target for the previous Contract Year plus 5%.',
          "- Minimum stock: two units of each balance model, ten units of each pipette model, and the spare parts in the Supplier's recommended stock list.",
          "- Warranty labour rate: EUR 68.00 per hour, up to the standard repair times in the Supplier's service manual.",
          '- Credit limit: EUR 150,000.',
        ],
      },
    ],
    execution:
      'IN WITNESS WHEREOF the parties have caused this Agreement to be signed by their duly authorised representatives on the date first written above.',
  };
}

/** US spelling and usage, for the agreement under New York law. */
function americanise(text: string): string {
  const words: [RegExp, string][] = [
    [/\bclauses\b/g, 'Sections'],
    [/\bClauses\b/g, 'Sections'],
    [/\bclause\b/g, 'Section'],
    [/\bendeavours\b/g, 'efforts'],
    [/\bauthoris/g, 'authoriz'],
    [/\borganis/g, 'organiz'],
    [/\bdefence\b/g, 'defense'],
    [/\bper cent\b/g, 'percent'],
    [/\blicence\b/g, 'license'],
    [/\bco-operat/g, 'cooperat'],
    [/\b9\.00 am\b/g, '9:00 a.m.'],
    [/\bbusiness day(s?)\b/g, 'Business Day$1'],
  ];
  return words.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

function licenseAgreement(): Contract {
  const date = '2024-07-01';
  const licensor: ContractParty = {
    name: 'Quillmark Software, Inc.',
    short: 'Licensor',
    description: 'a Delaware corporation',
    address: '1200 Harborview Drive, Suite 410, Portland, Oregon 97209, USA',
    signatory: signatory('en', 'license licensor', 'Chief Executive Officer'),
    noticeEmail: 'legal@quillmark.test',
  };
  const licensee: ContractParty = {
    name: 'Pellucid Grocers, Inc.',
    short: 'Licensee',
    description: 'an Ohio corporation',
    address: '75 Lantern Mill Road, Columbus, Ohio 43215, USA',
    signatory: signatory('en', 'license licensee', 'Vice President, Supply Chain'),
    noticeEmail: 'contracts@pellucidgrocers.test',
  };
  const terms: CommonTerms = {
    a: licensor,
    b: licensee,
    law: 'the State of New York, without regard to its conflict of laws principles',
    lawNote:
      'Neither the United Nations Convention on Contracts for the International Sale of Goods nor the Uniform Computer Information Transactions Act, in any form enacted, shall apply to this Agreement.',
    courts: 'the state and federal courts located in New York County, New York,',
    liabilityCap: 'twelve (12) months',
    forceMajeureDays: 'sixty (60)',
    english: false,
  };
  const contract: Contract = {
    file: 'software-license-agreement-quillmark-pellucid.pdf',
    format: 'pdf',
    paper: 'letter',
    title: 'SOFTWARE LICENSE AGREEMENT',
    date,
    signedOn: usDate(date),
    opening: `This Software License Agreement (this "Agreement") is entered into as of ${usDate(date)} (the "Effective Date") by and between:`,
    parties: [licensor, licensee],
    recitalsHeading: 'RECITALS',
    recitals: [
      'WHEREAS, Licensor has developed and owns the demand forecasting and replenishment software known as Quillmark Forecast;',
      'WHEREAS, Licensee operates a chain of grocery stores and distribution centers and wishes to obtain a license to use the Software to forecast demand and plan replenishment for its stores; and',
      'WHEREAS, Licensor is willing to grant Licensee such a license on the terms and conditions set forth in this Agreement.',
    ],
    agreement:
      'NOW, THEREFORE, in consideration of the mutual covenants contained herein and for other good and valuable consideration, the receipt and sufficiency of which are hereby acknowledged, the parties agree as follows:',
    sections: [
      {
        heading: 'Definitions',
        clauses: [
          definitions([
            '"Authorized Sites" means the stores and distribution centers of Licensee listed in Schedule 1, as updated under Section [[License Grant]].4',
            '"Business Day" means a day other than a Saturday, Sunday or federal holiday in the United States',
            CONFIDENTIAL_INFORMATION,
            '"Documentation" means the user guides and technical specifications for the Software that Licensor makes available to Licensee',
            '"Error" means a reproducible failure of the Software to perform materially in accordance with the Documentation',
            '"Licensed Users" means employees and individual contractors of Licensee whom Licensee authorizes to use the Software, up to the number stated in Schedule 1',
            '"Maintenance Services" means the support and Updates described in Section [[Support and Maintenance]]',
            '"Software" means Licensor\'s Quillmark Forecast software in object code form, version 7.2, including all Updates provided to Licensee under this Agreement',
            '"Update" means any correction, patch, minor release or major release of the Software that Licensor makes generally available to its customers who pay for maintenance services',
          ]),
          'Section headings are for convenience only and do not affect the interpretation of this Agreement. The words "including" and "include" mean "including without limitation".',
        ],
      },
      {
        heading: 'License Grant',
        clauses: [
          "Subject to the terms and conditions of this Agreement, including payment of the applicable fees, Licensor hereby grants to Licensee a non-exclusive, non-transferable, non-sublicensable license during the Term to install and use the Software on servers located at, or hosted for, the Authorized Sites, and to permit Licensed Users to access and use the Software, solely for Licensee's internal business purposes.",
          'Licensee may make a reasonable number of copies of the Software for backup, disaster recovery and testing purposes, provided that each copy includes all proprietary notices contained in the original.',
          'Licensee may permit its third-party contractors to use the Software on its behalf solely to provide services to Licensee, provided that Licensee remains responsible for their compliance with this Agreement.',
          'Licensee may add stores or distribution centers to the Authorized Sites at any time by written notice to Licensor, subject to payment of the additional fees set forth in Schedule 2.',
        ],
      },
      {
        heading: 'Restrictions',
        clauses: [
          'Except as expressly permitted by this Agreement, Licensee shall not, and shall not permit any third party to: (a) copy, modify or create derivative works of the Software or Documentation; (b) reverse engineer, disassemble or decompile the Software, or attempt to derive its source code, except to the extent that applicable law expressly permits despite this limitation; (c) rent, lease, lend, sell, sublicense, assign or distribute the Software, or use it for timesharing, service bureau or hosting purposes for third parties; (d) remove or alter any proprietary notices in the Software; or (e) use the Software to develop a competing product.',
          "The Software may contain open source components, which are licensed under the terms of their own licenses as listed in the Documentation. Nothing in this Agreement limits Licensee's rights under those licenses.",
        ],
      },
      {
        heading: 'Delivery and Acceptance',
        clauses: [
          'Licensor shall make the Software and Documentation available for electronic download within five (5) business days after the Effective Date and shall provide the installation services described in Schedule 1.',
          'Licensee shall have thirty (30) days after installation to test whether the Software performs materially in accordance with the Documentation (the "Acceptance Period"). If it does not, Licensee shall notify Licensor in writing with a reasonable description of the failure, and Licensor shall correct it within fifteen (15) business days, after which a new Acceptance Period of fifteen (15) days shall begin. If the Software fails a second acceptance test, Licensee may terminate this Agreement and receive a full refund of the fees paid.',
          'The Software shall be deemed accepted at the end of the Acceptance Period unless Licensee has notified Licensor of a failure during it, or earlier when Licensee first uses the Software in live operation.',
        ],
      },
      {
        heading: 'Fees and Payment',
        clauses: [
          'Licensee shall pay Licensor the license fee, the implementation fee and the annual maintenance fee set forth in Schedule 2. Licensor shall invoice the license fee on acceptance of the Software, the implementation fee on completion of the installation services, and the annual maintenance fee annually in advance from the date of acceptance.',
          'All invoices are payable in U.S. dollars within thirty (30) days after the invoice date. Amounts not paid when due bear interest at the lesser of one percent (1%) per month and the maximum rate permitted by law.',
          "All fees are exclusive of sales, use, value added and similar taxes. Licensee shall pay all such taxes imposed on the transactions under this Agreement, other than taxes based on Licensor's net income.",
          "Licensor may increase the annual maintenance fee for any renewal year by giving at least ninety (90) days' written notice, by no more than the lesser of five percent (5%) and the increase in the Consumer Price Index for All Urban Consumers over the preceding twelve months.",
        ],
      },
      {
        heading: 'Support and Maintenance',
        clauses: [
          "For so long as Licensee pays the annual maintenance fee, Licensor shall: (a) provide telephone and web support to Licensee's designated support contacts from 7:00 a.m. to 7:00 p.m. Eastern Time on business days, and for Severity 1 Errors 24 hours a day, seven days a week; (b) use commercially reasonable efforts to correct Errors reported by Licensee within the target times in Schedule 1; and (c) provide Licensee with all Updates.",
          'Licensor shall support the current major release of the Software and the immediately preceding major release. Licensor has no obligation to support modifications of the Software not made by Licensor, or use of the Software on hardware or operating systems not listed in the Documentation.',
          'If Licensee lets the Maintenance Services lapse and later wishes to reinstate them, Licensee shall pay the maintenance fees that would have been payable for the lapsed period.',
        ],
      },
      {
        heading: 'Ownership',
        clauses: [
          'The Software and Documentation are licensed, not sold. Licensor and its licensors retain all right, title and interest, including all intellectual property rights, in and to the Software, the Documentation and all Updates, copies and derivative works of them.',
          'Licensee retains all rights in the data it enters into or generates with the Software, including its forecasts and replenishment plans ("Licensee Data"). Licensor shall have no right to use Licensee Data except to provide the Maintenance Services at Licensee\'s request.',
          'If Licensee provides suggestions or feedback about the Software, Licensor may use them without restriction or obligation to Licensee.',
        ],
      },
      {
        heading: 'Audit',
        clauses: [
          "Licensee shall keep accurate records of the Authorized Sites and the number of Licensed Users. Once in any twelve-month period, on at least thirty (30) days' written notice, Licensor may have an independent auditor bound by confidentiality obligations verify Licensee's compliance with this Agreement, during normal business hours and without unreasonably interfering with Licensee's business.",
          "If an audit shows that Licensee has exceeded the scope of the license, Licensee shall pay the additional fees for that use at Licensor's then-current list prices and, if the underpayment exceeds five percent (5%) of the fees due for the audited period, the reasonable cost of the audit.",
        ],
      },
      confidentiality(),
      {
        heading: 'Warranties',
        clauses: [
          'Licensor warrants that for ninety (90) days after acceptance (the "Warranty Period") the Software will perform materially in accordance with the Documentation. As Licensee\'s sole and exclusive remedy for breach of this warranty, Licensor shall use commercially reasonable efforts to correct the non-conformity and, if it cannot do so within thirty (30) days of notice, either party may terminate this Agreement and Licensor shall refund the license fee paid.',
          "Licensor further warrants that: (a) it has the right to grant the license in this Agreement; (b) the Software as delivered will not contain any virus, time bomb, back door or other code designed to disable or damage Licensee's systems or data; and (c) the installation services and Maintenance Services will be performed in a professional and workmanlike manner.",
          'EXCEPT AS EXPRESSLY SET FORTH IN THIS AGREEMENT, THE SOFTWARE IS PROVIDED "AS IS" AND LICENSOR DISCLAIMS ALL OTHER WARRANTIES, EXPRESS OR IMPLIED, INCLUDING ANY IMPLIED WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE, TITLE AND NON-INFRINGEMENT. LICENSOR DOES NOT WARRANT THAT THE SOFTWARE WILL BE ERROR-FREE OR THAT ITS FORECASTS WILL BE ACCURATE.',
        ],
      },
      {
        heading: 'Indemnification',
        clauses: [
          "Licensor shall defend Licensee and its officers, directors and employees against any claim by a third party alleging that the Software, as delivered and used in accordance with this Agreement, infringes any United States patent, copyright or trademark or misappropriates any trade secret, and shall pay all damages, costs and reasonable attorneys' fees finally awarded against Licensee or agreed in a settlement approved by Licensor.",
          "Licensor's obligations under this Section are conditioned on Licensee: (a) notifying Licensor promptly in writing of the claim; (b) giving Licensor sole control of the defense and settlement of the claim, provided that Licensor may not settle any claim that imposes an obligation on Licensee without Licensee's consent; and (c) providing reasonable cooperation at Licensor's expense.",
          "If the Software becomes, or in Licensor's opinion is likely to become, the subject of an infringement claim, Licensor may at its option: (a) procure for Licensee the right to continue using it; (b) modify or replace it so that it is non-infringing with materially equivalent functionality; or (c) if neither is commercially reasonable, terminate the license and refund the license fee paid, less one-fifth for each full year since acceptance.",
          "Licensor has no obligation for any claim arising from: (a) modifications of the Software not made by Licensor; (b) combination of the Software with products, data or processes not supplied by Licensor, where the claim would not have arisen without the combination; or (c) use of a version of the Software other than the current release, where the current release would have avoided the claim. This Section states Licensor's entire liability for infringement claims.",
        ],
      },
      limitationOfLiability(terms),
      {
        heading: 'Term and Termination',
        clauses: [
          'This Agreement begins on the Effective Date and continues for five (5) years (the "Initial Term"), after which it renews automatically for successive terms of one (1) year (each a "Renewal Term" and, together with the Initial Term, the "Term") unless either party gives written notice of non-renewal at least ninety (90) days before the end of the then-current term.',
          insolvencyTermination(),
          "Licensee may terminate the Maintenance Services at the end of any year after acceptance by giving ninety (90) days' written notice, without terminating the license.",
        ],
      },
      {
        heading: 'Effect of Termination',
        clauses: [
          'Upon termination or expiration of this Agreement, the license granted in Section [[License Grant]] terminates, and Licensee shall cease all use of the Software, delete all copies of it from its systems and, within thirty (30) days, certify in writing to Licensor that it has done so.',
          'For sixty (60) days after termination, Licensor shall on request provide Licensee with a copy of the Licensee Data held in the Software in a standard, machine-readable export format.',
          "Termination shall not relieve Licensee of its obligation to pay fees accrued before termination. If Licensee terminates this Agreement for Licensor's uncured material breach, Licensor shall refund any prepaid maintenance fees for the period after termination.",
          survival(['[[Ownership]]', '[[Indemnification]]', '[[Effect of Termination]]']),
        ],
      },
      forceMajeure(terms),
      notices(terms),
      general(
        terms,
        "Neither party may assign this Agreement without the other party's prior written consent, except that either party may assign it without consent to a successor to all or substantially all of its business or assets to which this Agreement relates, provided that the assignee agrees in writing to be bound by it. Any attempted assignment in violation of this Section is void.",
      ),
      governingLaw(terms),
    ],
    schedules: [
      {
        heading: 'SCHEDULE 1 - AUTHORIZED SITES, LICENSED USERS AND SUPPORT',
        lines: [
          "- Authorized Sites: Licensee's 38 grocery stores in Ohio and Indiana and its distribution centers in Columbus, Ohio and Fort Wayne, Indiana, as listed in Licensee's store register at the Effective Date.",
          '- Licensed Users: up to 120 named users.',
          "- Installation services: installation in Licensee's test and production environments; configuration of interfaces to Licensee's point-of-sale and warehouse management systems; loading of two years of historical sales data; and training for up to 12 key users over three days.",
          '- Severity 1 Error (the Software is down or forecasts cannot be produced for all stores): response within 1 hour, workaround within 8 hours.',
          '- Severity 2 Error (a major function fails and no workaround exists): response within 4 business hours, correction within 5 business days.',
          '- Severity 3 Error (a minor function fails, or a workaround exists): response within 1 business day, correction in the next Update.',
        ],
      },
      {
        heading: 'SCHEDULE 2 - FEES',
        lines: [
          '- License fee: USD 186,000.00 for the Authorized Sites and Licensed Users in Schedule 1.',
          '- Additional Authorized Sites: USD 3,900.00 one-time license fee per store; USD 12,500.00 per distribution center.',
          '- Implementation fee: USD 42,500.00, fixed price.',
          '- Annual maintenance fee: 20% of the license fees paid; USD 37,200.00 for the first year.',
          '- Additional services: USD 1,850.00 per consultant day.',
        ],
      },
    ],
    execution:
      'IN WITNESS WHEREOF, the parties hereto have caused this Agreement to be executed by their duly authorized officers as of the Effective Date.',
  };
  const us = (text: string) => americanise(text);
  return {
    ...contract,
    sections: contract.sections.map((s) => ({ ...s, clauses: s.clauses.map(us) })),
    schedules: contract.schedules.map((s) => ({ ...s, lines: s.lines.map(us) })),
  };
}

function supplyAgreement(): Contract {
  const date = '2024-09-02';
  const supplier: ContractParty = {
    name: 'Noordvelde Verpakkingen B.V.',
    short: 'Supplier',
    description: 'a private limited company incorporated under the laws of the Netherlands',
    address: 'Industrieweg 41, 8013 NB Zwolle, the Netherlands',
    signatory: signatory('nl', 'supply supplier', 'Commercial Director'),
    noticeEmail: 'legal@noordvelde.test',
  };
  const buyer: ContractParty = {
    name: 'Orchard Lane Foods Ltd',
    short: 'Buyer',
    description: 'a company incorporated and registered in England and Wales',
    address: 'Unit 9, Brookmead Trading Estate, Bristol BS11 8QX, United Kingdom',
    signatory: signatory('en', 'supply buyer', 'Head of Procurement'),
    noticeEmail: 'procurement@orchardlanefoods.test',
  };
  const terms: CommonTerms = {
    a: supplier,
    b: buyer,
    law: 'the Netherlands',
    lawNote:
      'The United Nations Convention on Contracts for the International Sale of Goods (CISG) shall not apply.',
    courts: 'the competent court in Amsterdam, the Netherlands,',
    liabilityCap: 'twelve (12) months',
    forceMajeureDays: 'forty-five (45)',
    english: false,
  };
  return {
    file: 'supply-agreement-noordvelde-orchard-lane.docx',
    format: 'docx',
    paper: 'a4',
    title: 'SUPPLY AGREEMENT',
    date,
    signedOn: ukDate(date),
    opening: `This Supply Agreement (the "Agreement") is dated ${ukDate(date)} (the "Effective Date") and is made between:`,
    parties: [supplier, buyer],
    recitalsHeading: 'BACKGROUND',
    recitals: [
      '(A) The Supplier manufactures printed folding cartons, corrugated shipping cases and moulded fibre trays for the food industry.',
      "(B) The Buyer wishes to purchase from the Supplier, and the Supplier wishes to sell and supply to the Buyer, the packaging for the Buyer's chilled ready meals and bakery products on the terms of this Supply Agreement.",
    ],
    agreement: 'AGREED TERMS',
    sections: [
      {
        heading: 'Definitions and Interpretation',
        clauses: [
          definitions([
            '"Artwork" means the designs, text, colours and barcodes to be printed on the Products, as approved in writing by the Buyer',
            '"Business Day" means a day other than a Saturday, Sunday or public holiday in the Netherlands or in England',
            CONFIDENTIAL_INFORMATION,
            '"Contract Year" means each period of twelve (12) months starting on the Effective Date or on an anniversary of it',
            '"Forecast" means the rolling forecast described in clause [[Forecasts and Orders]].1',
            '"Order" means an order for Products placed by the Buyer under clause [[Forecasts and Orders]]',
            '"Prices" means the prices for the Products set out in Schedule 2, as adjusted under clause [[Prices and Payment]]',
            '"Products" means the packaging products described in Schedule 1, made to the Specifications',
            '"Specifications" means the technical specifications for each Product agreed in writing by the parties, including board grade, dimensions, print quality and food contact requirements',
          ]),
          INTERPRETATION,
        ],
      },
      {
        heading: 'Supply of Products',
        clauses: [
          'The Supplier shall manufacture and supply the Products to the Buyer, and the Buyer shall buy them from the Supplier, in accordance with this Agreement. Each Order accepted by the Supplier forms a separate contract on the terms of this Agreement, and no terms printed on or referred to in an Order or an order confirmation shall apply.',
          'The Buyer shall buy from the Supplier at least seventy per cent (70%) of its total requirements for products of the kinds described in Schedule 1 for its sites in the United Kingdom. The Buyer is not otherwise obliged to buy any minimum quantity.',
          "The Supplier shall keep a safety stock of finished Products equal to at least two (2) weeks of the Buyer's average forecast demand at its warehouse in Zwolle, which the Buyer shall buy at the Prices if this Agreement ends or a Product is discontinued at the Buyer's request.",
        ],
      },
      {
        heading: 'Forecasts and Orders',
        clauses: [
          'On or before the first Business Day of each month the Buyer shall give the Supplier a rolling forecast of its requirements for each Product for the following six (6) months. The first four (4) weeks of each Forecast are a firm commitment to order; the remainder is a good-faith estimate only.',
          "The Buyer shall place Orders by email or through the Supplier's electronic ordering system at least fifteen (15) Business Days before the requested delivery date. The Supplier shall confirm or reject each Order within two (2) Business Days, and shall not reject an Order for quantities within one hundred and twenty per cent (120%) of the relevant Forecast.",
          'The Supplier may deliver up to ten per cent (10%) more or less than the quantity ordered of printed Products, and the Buyer shall pay for the quantity actually delivered.',
          'Changes to Artwork shall be submitted at least twenty (20) Business Days before the delivery date of the first Order that uses them. The Buyer shall pay for new printing plates and for any finished Products or printed materials made obsolete by a change of Artwork.',
        ],
      },
      {
        heading: 'Delivery',
        clauses: [
          "The Supplier shall deliver the Products DAP the Buyer's site at Brookmead Trading Estate, Bristol (Incoterms 2020), on the delivery date in the confirmed Order, between 6.00 am and 2.00 pm on a Business Day, on standard pallets wrapped and labelled in accordance with the Buyer's delivery requirements.",
          'Each delivery shall be accompanied by a delivery note stating the Order number, the Product codes, the quantities and the production batch numbers, and by a certificate of conformity for each batch.',
          'If the Supplier fails to deliver any Products on the delivery date, it shall notify the Buyer as soon as it becomes aware of the delay. If the delay exceeds three (3) Business Days, the Buyer may cancel the delayed Order without liability and buy substitute products elsewhere, and the Supplier shall pay the Buyer the reasonable additional cost of doing so.',
          'Risk in the Products passes to the Buyer on delivery. Title to the Products passes to the Buyer on delivery or, if earlier, on payment.',
        ],
      },
      {
        heading: 'Quality and Inspection',
        clauses: [
          'The Supplier shall manufacture the Products in accordance with the Specifications, good manufacturing practice and all laws that apply to materials intended to come into contact with food, including Regulation (EC) No 1935/2004 and its equivalent in the United Kingdom, and shall hold and maintain certification to the BRCGS Global Standard for Packaging Materials for its plant in Zwolle.',
          "The Buyer shall inspect the Products within ten (10) Business Days after delivery and may reject any Products that do not conform to the Specifications, stating its reasons in writing. Acceptance of a delivery does not waive the Buyer's rights in respect of defects that could not reasonably have been found by inspection.",
          "The Supplier shall, at the Buyer's option, replace rejected Products within five (5) Business Days or credit their price, and shall collect them at its own cost. The Buyer may dispose of rejected Products at the Supplier's cost if the Supplier does not collect them within ten (10) Business Days.",
          "The Buyer, its customers and their auditors may audit the Supplier's plant and quality records on five (5) Business Days' notice, not more than twice in any Contract Year unless a serious quality incident has occurred.",
          "If a Product must be recalled or withdrawn because of a defect in it, the Supplier shall co-operate fully with the Buyer and bear the reasonable costs of the recall, including the cost of the Buyer's products that can no longer be sold, to the extent that the recall was caused by the Supplier's breach of this Agreement.",
        ],
      },
      {
        heading: 'Prices and Payment',
        clauses: [
          'The Prices are set out in Schedule 2. They are in euro, include packing and delivery in accordance with clause [[Delivery]].1, and exclude value added tax.',
          'The Prices are fixed until 31 August 2025. After that date either party may request a review of the Prices once in each Contract Year. In addition, if the published average price of the board grades used for the Products changes by more than five per cent (5%) compared with the price on which the Prices were last set, either party may require the Prices to be adjusted by the change in the cost of board, with effect from the first day of the month after the request and on presentation of reasonable evidence.',
          'The Supplier shall invoice each delivery on or after the day of delivery. The Buyer shall pay each correct invoice within forty-five (45) days of the end of the month in which it was received.',
          'Late payments bear interest at the statutory commercial interest rate of the Netherlands. The Buyer may set off against any amount it owes the Supplier any amount the Supplier owes it under this Agreement.',
        ],
      },
      {
        heading: 'Warranties',
        clauses: [
          'The Supplier warrants that the Products will, at delivery and for their stated shelf life or, if none is stated, for twelve (12) months after delivery: (a) conform to the Specifications and the approved Artwork; (b) be free from defects in material and workmanship; (c) be fit for packaging chilled and ambient foods as described in Schedule 1; and (d) comply with all applicable laws, including those on food contact materials and packaging waste.',
          'The Supplier shall provide on request declarations of compliance and migration test results for each Product, and shall notify the Buyer in advance of any change in the raw materials, inks, adhesives or production site used for a Product.',
        ],
      },
      {
        heading: 'Insurance',
        clauses: [
          'During the term of this Agreement and for two (2) years after it ends, the Supplier shall maintain with a reputable insurer product liability insurance of at least EUR 5,000,000 for each claim and product recall insurance of at least EUR 1,000,000, and shall give the Buyer a certificate of insurance on request.',
        ],
      },
      confidentiality(),
      limitationOfLiability(terms),
      {
        heading: 'Term and Termination',
        clauses: [
          "This Agreement starts on the Effective Date and continues for an initial term of two (2) years. It then renews automatically for successive periods of twelve (12) months unless either party gives at least six (6) months' written notice to terminate it at the end of the initial term or of any renewal period.",
          insolvencyTermination(),
          "The Buyer may terminate this Agreement on thirty (30) days' written notice if the Supplier loses its BRCGS certification, or if more than five per cent (5%) of the deliveries in any period of three (3) months are late or rejected.",
          'On termination or expiry of this Agreement the Buyer shall buy the safety stock held under clause [[Supply of Products]].3 and the raw materials the Supplier has bought to meet the firm part of the Forecast, and the Supplier shall deliver all Orders confirmed before the termination date, unless the Buyer has terminated under clause [[Term and Termination]].2 or [[Term and Termination]].3.',
          survival(['[[Quality and Inspection]].5', '[[Insurance]]']),
        ],
      },
      forceMajeure(terms),
      notices(terms),
      general(terms),
      governingLaw(terms),
    ],
    schedules: [
      {
        heading: 'SCHEDULE 1 - PRODUCTS',
        lines: [
          '- OLF-C01: printed folding carton for chilled ready meals (400 g), GC2 folding boxboard 350 g/m², four colours plus varnish; about 1,800,000 units a year.',
          '- OLF-C02: printed folding carton for chilled ready meals (800 g), same board and print; about 650,000 units a year.',
          '- OLF-T10: moulded fibre tray, 227 x 178 x 40 mm, ovenable to 220 °C, made without added PFAS; about 2,400,000 units a year.',
          '- OLF-S20: printed sleeve for bakery products, recycled board 300 g/m²; about 900,000 units a year.',
          '- OLF-K40: corrugated shipping case, B-flute, 400 x 300 x 200 mm, one colour; about 220,000 units a year.',
          'The yearly volumes are estimates for planning only and are not a commitment to buy.',
        ],
      },
      {
        heading: 'SCHEDULE 2 - PRICES',
        lines: [
          'Prices in EUR per 1,000 units, delivered DAP Bristol:',
          '- OLF-C01: EUR 118.40',
          '- OLF-C02: EUR 164.90',
          '- OLF-T10: EUR 96.75',
          '- OLF-S20: EUR 71.20',
          '- OLF-K40: EUR 412.00',
          '- Printing plates: EUR 380.00 per colour for each new design.',
          '- Minimum order: 25,000 units of a Product per delivery.',
        ],
      },
    ],
    execution:
      'IN WITNESS WHEREOF the parties have signed this Agreement through their duly authorised representatives on the date stated at the beginning of it.',
  };
}

export function sampleContracts(): Contract[] {
  return [servicesAgreement(), distributorAgreement(), licenseAgreement(), supplyAgreement()].map(
    resolveReferences,
  );
}
