//! The bundled demo map: [`demo`] tells the story of `docs/domain.md` in a mid-sized company. The L&D
//! team (the home team) wants a mobile learning rollout; the audience is the CFO, the CIO and
//! the COO. The HR Director sponsors it, the Head of IT Security blocks it over BYOD, a Financial
//! Controller blocks the budget, a works council chair has conditions, and a disenchanted
//! warehouse manager became an ambassador after a pilot on his night shift.
//!
//! Everything is fixed data, so the demo is the same map every time.

use std::collections::BTreeMap;
use std::f64::consts::PI;

use crate::campaign::ActionState;
use crate::campaign::records::{ActionData, EngagementRef, TargetData};
use crate::data::{
    DepartmentData, EngagementData, GoalData, GroupData, MapData, PersonData, TieData,
};
use crate::export::drawing::NODE_RADIUS;
use crate::model::{Position, Stance, TieKind};
use crate::views::{Highlight, Region, ViewData, ViewLayout};

use Stance::{Blocker as B, Champion as C, Neutral as N, Sceptic as S, Supporter as U};

/// The user-named tie kind of the demo, with its default strength.
pub const WORKS_COUNCIL_REP: (&str, f64) = ("works council rep", 0.40);

/// Departments: name, parent, colour.
#[rustfmt::skip]
const DEPARTMENTS: &[(&str, Option<&str>, &str)] = &[
    ("Executive", None, "#393b79"),
    ("IT", None, "#1f77b4"),
    ("IT Security", Some("IT"), "#17537a"),
    ("Infrastructure", Some("IT"), "#4f9bd1"),
    ("Web Development", Some("IT"), "#7fb8e3"),
    ("Finance", None, "#2ca02c"),
    ("Sales", None, "#d62728"),
    ("Operations", None, "#ff7f0e"),
    ("Marketing", None, "#e377c2"),
    ("Internal Communications", None, "#17becf"),
    ("HR", None, "#9467bd"),
    ("L&D", Some("HR"), "#c5b0d5"),
    ("Customer Service", Some("Operations"), "#ffbb78"),
];

/// A person: key, name, job title, department, stance, power, interest, decision-maker, tags,
/// notes.
type P = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Stance,
    u8,
    u8,
    bool,
    &'static [&'static str],
    &'static str,
);

#[rustfmt::skip]
const PEOPLE: &[P] = &[
    // Executive
    ("ceo", "Catherine Adebayo", "Chief Executive Officer", "Executive", N, 5, 2, true, &["steering group"], "Wants productivity on the frontline and a 3-year digital plan. Decides anything over €250k. One slide, not ten."),
    ("cfo", "Henrik Johansson", "Chief Financial Officer", "Executive", S, 5, 3, true, &["budget holder", "steering group"], "Asks for cost per learner and a payback period before the Q1 budget round."),
    ("cio", "Priya Raman", "Chief Information Officer", "Executive", N, 5, 4, true, &["budget holder", "BYOD"], "Open to mobile if Security signs off on device management."),
    ("coo", "Tomás Herrera", "Chief Operating Officer", "Executive", U, 5, 4, true, &["budget holder", "steering group"], "Frontline staff have no desk time: mobile is the only way to reach them."),
    ("hrd", "Siobhán Gallagher", "HR Director", "Executive", C, 5, 5, true, &["sponsor", "budget holder"], "Our sponsor: takes the business case to the executive team."),
    ("cmo", "Marcus Lindqvist", "Chief Marketing Officer", "Executive", N, 4, 2, false, &[], ""),
    ("cos", "Amara Nwosu", "Chief of Staff", "Executive", U, 3, 3, false, &[], "Sets the executive agenda; knows what matters to the CEO this quarter."),
    ("ea", "Léa Fontaine", "Executive Assistant to the CEO", "Executive", N, 2, 1, false, &[], ""),
    // IT
    ("ea-it", "Björn Eriksson", "Enterprise Architect", "IT", N, 3, 3, false, &[], ""),
    ("desk", "Grace Mwangi", "IT Service Desk Manager", "IT", S, 3, 4, false, &[], "Fears a wave of 'the app won't log me in' tickets at launch."),
    ("desk1", "Ravi Shankar", "Service Desk Analyst", "IT", N, 1, 3, false, &[], ""),
    ("dpo", "Isabelle Laurent", "Data Protection Officer", "IT", N, 3, 4, false, &["BYOD"], "Needs a DPIA for learner tracking on personal devices."),
    ("sec-head", "Łukasz Nowak", "Head of IT Security", "IT Security", B, 4, 5, false, &["BYOD"], "Worried about company data on personal phones (BYOD): lost devices, no MDM. Wants a DPIA and containerisation first."),
    ("sec1", "Fatima Haddad", "Security Analyst", "IT Security", S, 2, 3, false, &["BYOD"], ""),
    ("sec2", "Jonas Weber", "Security Engineer", "IT Security", N, 2, 3, false, &[], ""),
    ("sec3", "Chen Wei", "IT Risk & Compliance Manager", "IT Security", S, 3, 3, false, &[], "Asked for the vendor's ISO 27001 certificate."),
    ("infra-head", "Kwame Mensah", "Head of Infrastructure", "Infrastructure", N, 4, 3, false, &[], "Wi-Fi in the warehouses is patchy: offline mode matters."),
    ("infra1", "Yuki Tanaka", "Network Engineer", "Infrastructure", N, 2, 2, false, &[], ""),
    ("infra2", "Olivia Brennan", "Systems Administrator", "Infrastructure", U, 2, 3, false, &[], ""),
    ("infra3", "Aleksandar Petrović", "Cloud Engineer", "Infrastructure", N, 2, 2, false, &[], ""),
    ("web-head", "José Martínez", "Head of Web Development", "Web Development", C, 4, 4, false, &["pilot"], "Already building the responsive intranet; offered the single sign-on work."),
    ("web1", "Mei Lin Chen", "Front-end Developer", "Web Development", U, 2, 4, false, &[], ""),
    ("web2", "Arjun Mehta", "Mobile Developer", "Web Development", U, 2, 5, false, &["pilot"], ""),
    ("web3", "Sofia Rossi", "UX Designer", "Web Development", U, 2, 4, false, &[], ""),
    ("web4", "Noor Al-Hakim", "QA Engineer", "Web Development", N, 1, 3, false, &[], ""),
    // Finance
    ("fin-dir", "Ingrid Sørensen", "Finance Director", "Finance", N, 4, 2, false, &["budget holder"], ""),
    ("controller", "Graham Whitfield", "Financial Controller", "Finance", B, 4, 3, false, &["budget holder"], "Froze discretionary spend in Q3; says the LMS licence already covers 'learning'."),
    ("fpa", "Nadia Rahman", "FP&A Manager", "Finance", N, 3, 2, false, &[], ""),
    ("fin1", "Oliver Bennett", "Financial Analyst", "Finance", N, 1, 1, false, &[], ""),
    ("fin2", "Chloé Martin", "Management Accountant", "Finance", U, 2, 2, false, &[], "Did her CIMA exams on her phone on the train."),
    ("fin3", "Marek Dvořák", "Accounts Payable Clerk", "Finance", N, 1, 1, false, &[], ""),
    ("proc", "Samuel Osei", "Procurement Manager", "Finance", N, 3, 2, false, &["budget holder"], ""),
    ("payroll", "Agnieszka Kowalczyk", "Payroll Manager", "Finance", N, 2, 1, false, &[], ""),
    // Sales
    ("sales-dir", "Dmitri Volkov", "Sales Director", "Sales", S, 4, 2, false, &["budget holder"], "'My people should be selling, not learning' — yet his top sellers asked for product training on the road."),
    ("sales-m1", "Hannah Schmidt", "Regional Sales Manager, North", "Sales", U, 3, 4, false, &["pilot"], ""),
    ("sales-m2", "Kenji Watanabe", "Regional Sales Manager, South", "Sales", N, 3, 3, false, &[], ""),
    ("sales1", "Aisha Bello", "Account Executive", "Sales", C, 1, 5, false, &["pilot"], "Top seller; colleagues copy what she does."),
    ("sales2", "Liam O'Connor", "Account Executive", "Sales", N, 1, 3, false, &[], ""),
    ("sales3", "Camila Souza", "Sales Representative", "Sales", U, 1, 4, false, &["pilot"], ""),
    ("sales4", "Pieter de Vries", "Sales Representative", "Sales", N, 1, 2, false, &[], ""),
    ("sales5", "Yusuf Demir", "Key Account Manager", "Sales", S, 2, 2, false, &[], ""),
    ("sales6", "Lucía Fernández", "Sales Trainer", "Sales", C, 2, 5, false, &["pilot"], ""),
    ("sales-ops", "Elena Petrova", "Sales Operations Manager", "Sales", N, 3, 3, false, &[], ""),
    // Operations
    ("ops-head", "Mohammed Al-Sayed", "Head of Operations", "Operations", U, 4, 4, false, &["budget holder"], ""),
    ("wh1", "Brian Kelly", "Warehouse Manager, Leeds", "Operations", C, 3, 5, false, &["pilot"], "Was sure 'another e-learning thing' would fail; after the pilot he asked for it on all three shifts."),
    ("wh2", "Zoë Papadopoulos", "Warehouse Manager, Bristol", "Operations", S, 3, 4, false, &[], "Heard about the pilot from Brian; wants the Leeds numbers before Bristol joins."),
    ("shift1", "Kofi Asante", "Shift Supervisor, Leeds nights", "Operations", U, 2, 4, false, &["pilot"], ""),
    ("shift2", "Ewa Zielińska", "Shift Supervisor, Leeds days", "Operations", N, 2, 4, false, &[], ""),
    ("shift3", "Daniel Murphy", "Shift Supervisor, Bristol", "Operations", N, 2, 3, false, &[], ""),
    ("op1", "Nkechi Eze", "Warehouse Operative", "Operations", U, 1, 4, false, &["pilot"], ""),
    ("op2", "Rui Almeida", "Warehouse Operative", "Operations", N, 1, 3, false, &[], ""),
    ("op3", "Hana Novák", "Forklift Trainer", "Operations", C, 1, 5, false, &["pilot"], "Respected on the floor; demoed the app at the toolbox talk."),
    ("wc", "Jürgen Becker", "Team Leader, Goods-in", "Operations", S, 3, 4, false, &["works council"], "Works council chair: no learning on personal phones in unpaid time; wants it in the works agreement."),
    ("ops4", "Abena Owusu", "Logistics Planner", "Operations", N, 1, 2, false, &[], ""),
    ("ops5", "Finn Larsen", "Quality Manager", "Operations", N, 3, 3, false, &[], ""),
    ("hs", "Seán McCarthy", "Health & Safety Manager", "Operations", U, 3, 4, false, &[], "Needs completion reports for compliance training."),
    ("fac", "Inês Duarte", "Facilities Manager", "Operations", N, 2, 1, false, &[], ""),
    ("cs", "Jamal Robinson", "Customer Service Manager", "Customer Service", N, 3, 3, false, &[], ""),
    ("cs1", "Marta Wiśniewska", "Customer Service Agent", "Customer Service", N, 1, 3, false, &[], ""),
    ("cs2", "Stefan Ionescu", "Customer Service Team Leader", "Customer Service", U, 2, 4, false, &[], ""),
    // Marketing
    ("brand", "Clara Jensen", "Brand Manager", "Marketing", N, 3, 2, false, &[], ""),
    ("digital", "Matteo Bianchi", "Digital Marketing Manager", "Marketing", U, 3, 3, false, &[], "Can lend the app-launch playbook and a designer for two weeks."),
    ("design", "Aoife Walsh", "Senior Designer", "Marketing", U, 1, 3, false, &[], ""),
    ("content", "Rohan Kapoor", "Content Lead", "Marketing", N, 2, 2, false, &[], ""),
    ("mkt", "Kaito Yamamoto", "Marketing Analyst", "Marketing", N, 1, 2, false, &[], ""),
    // Internal Communications
    ("comms-head", "Fiona Campbell", "Head of Internal Communications", "Internal Communications", U, 3, 3, false, &[], "Owns the intranet home page and the Monday all-hands newsletter."),
    ("comms1", "Tariq Hussain", "Internal Communications Officer", "Internal Communications", N, 1, 3, false, &[], ""),
    ("comms2", "Ana Lima", "Intranet Editor", "Internal Communications", U, 1, 4, false, &[], ""),
    // HR
    ("hrbp1", "Naledi Dlamini", "HR Business Partner, Operations", "HR", U, 3, 4, false, &[], ""),
    ("hrbp2", "Patrick Doyle", "HR Business Partner, Sales & Marketing", "HR", N, 3, 3, false, &[], ""),
    ("hr-ops", "Min-jun Park", "HR Operations Manager", "HR", N, 2, 2, false, &[], ""),
    ("talent", "Beatriz Costa", "Talent Acquisition Lead", "HR", N, 2, 2, false, &[], ""),
    ("er", "Ruth Adeyemi", "Employee Relations Advisor", "HR", N, 2, 3, false, &["works council"], ""),
    ("hr2", "Gabriel Santos", "HR Advisor", "HR", N, 1, 2, false, &[], ""),
    // L&D: the home team
    ("ld-head", "Anjali Desai", "Head of Learning & Development", "L&D", C, 3, 5, false, &[], "Leads the mobile learning rollout."),
    ("ld1", "Tom Fischer", "Learning Consultant", "L&D", C, 2, 5, false, &[], ""),
    ("ld2", "Yasmin Khalil", "Instructional Designer", "L&D", C, 1, 5, false, &[], ""),
    ("ld3", "Mateus Oliveira", "Learning Technologist", "L&D", C, 2, 5, false, &["BYOD"], "LMS administrator; owns the app configuration."),
    ("ld4", "Sarah Goldberg", "L&D Coordinator", "L&D", U, 1, 4, false, &["pilot"], ""),
];

/// Line managers and their reports.
#[rustfmt::skip]
const REPORTS: &[(&str, &[&str])] = &[
    ("ceo", &["cfo", "cio", "coo", "hrd", "cmo", "cos", "sales-dir", "comms-head"]),
    ("cos", &["ea"]),
    ("cfo", &["fin-dir", "proc"]),
    ("fin-dir", &["controller", "fpa", "payroll"]),
    ("controller", &["fin2", "fin3"]),
    ("fpa", &["fin1"]),
    ("cio", &["sec-head", "infra-head", "web-head", "desk", "ea-it", "dpo"]),
    ("sec-head", &["sec1", "sec2", "sec3"]),
    ("infra-head", &["infra1", "infra2", "infra3"]),
    ("web-head", &["web1", "web2", "web3", "web4"]),
    ("desk", &["desk1"]),
    ("coo", &["ops-head", "hs", "cs", "ops5", "fac"]),
    ("ops-head", &["wh1", "wh2", "ops4"]),
    ("wh1", &["shift1", "shift2", "wc"]),
    ("wh2", &["shift3"]),
    ("shift1", &["op1", "op3"]),
    ("shift2", &["op2"]),
    ("cs", &["cs2"]),
    ("cs2", &["cs1"]),
    ("sales-dir", &["sales-m1", "sales-m2", "sales-ops", "sales6"]),
    ("sales-m1", &["sales1", "sales2", "sales3"]),
    ("sales-m2", &["sales4", "sales5"]),
    ("cmo", &["brand", "digital", "content", "mkt"]),
    ("digital", &["design"]),
    ("comms-head", &["comms1", "comms2"]),
    ("hrd", &["hrbp1", "hrbp2", "hr-ops", "ld-head", "er"]),
    ("hr-ops", &["talent", "hr2"]),
    ("ld-head", &["ld1", "ld2", "ld3", "ld4"]),
];

/// Other ties: from, to, kind, strength when not the kind's default, notes.
#[rustfmt::skip]
const TIES: &[(&str, &str, &str, Option<f64>, &str)] = &[
    // Executive to executive.
    ("hrd", "coo", "executive peer", None, ""),
    ("coo", "hrd", "executive peer", None, ""),
    ("coo", "cfo", "executive peer", Some(0.45), "Ran the warehouse automation case together."),
    ("cfo", "coo", "executive peer", None, ""),
    ("cio", "cfo", "executive peer", None, ""),
    ("hrd", "cfo", "executive peer", Some(0.25), ""),
    ("hrd", "cio", "executive peer", None, ""),
    ("cio", "coo", "executive peer", None, ""),
    ("cfo", "ceo", "executive peer", Some(0.5), ""),
    ("coo", "ceo", "executive peer", Some(0.45), ""),
    ("cmo", "hrd", "executive peer", None, ""),
    ("cio", "ceo", "executive peer", None, ""),
    // Sponsors.
    ("coo", "wh1", "sponsor", None, "Sponsored the Leeds pilot."),
    ("coo", "ld-head", "sponsor", None, ""),
    ("cio", "ld3", "sponsor", Some(0.3), ""),
    // Mentors.
    ("fin-dir", "ld1", "mentor", None, "Ingrid mentors Tom through the leadership programme."),
    ("cfo", "fpa", "mentor", None, ""),
    ("hs", "shift1", "mentor", None, ""),
    ("ea-it", "infra3", "mentor", None, ""),
    ("web-head", "ld3", "mentor", None, ""),
    // Peers.
    ("sales1", "sales2", "peer", Some(0.35), ""),
    ("sales1", "sales3", "peer", Some(0.35), ""),
    ("sales2", "sales1", "peer", None, ""),
    ("sales3", "sales4", "peer", None, ""),
    ("sales-m1", "sales-m2", "peer", None, ""),
    ("sales-m2", "sales-m1", "peer", None, ""),
    ("wh1", "wh2", "peer", Some(0.4), "Brian told Zoë about the pilot results."),
    ("wh2", "wh1", "peer", None, ""),
    ("shift1", "shift2", "peer", None, ""),
    ("shift2", "shift3", "peer", None, ""),
    ("op3", "op1", "peer", Some(0.35), ""),
    ("op3", "op2", "peer", Some(0.35), ""),
    ("op1", "op2", "peer", None, ""),
    ("hrbp1", "hrbp2", "peer", None, ""),
    ("hrbp2", "hrbp1", "peer", None, ""),
    ("web1", "web2", "peer", None, ""),
    ("web2", "web3", "peer", None, ""),
    ("web3", "web1", "peer", None, ""),
    ("sec1", "sec2", "peer", None, ""),
    ("sec2", "sec1", "peer", None, ""),
    ("infra1", "infra2", "peer", None, ""),
    ("ld1", "ld2", "peer", None, ""),
    ("ld2", "ld1", "peer", None, ""),
    ("ld3", "ld4", "peer", None, ""),
    ("comms1", "comms2", "peer", None, ""),
    ("fin1", "fin2", "peer", None, ""),
    ("fin2", "fin1", "peer", None, ""),
    ("brand", "digital", "peer", None, ""),
    ("sec-head", "infra-head", "peer", None, ""),
    ("infra-head", "sec-head", "peer", None, ""),
    ("web-head", "sec-head", "peer", Some(0.3), "They share the SSO roadmap."),
    ("desk", "infra-head", "peer", None, ""),
    // Informal allies across departments.
    ("sales6", "ld1", "informal ally", None, ""),
    ("op3", "wc", "informal ally", Some(0.35), "Trained together twenty years ago."),
    ("comms2", "ld2", "informal ally", None, ""),
    ("digital", "comms-head", "informal ally", None, ""),
    ("web2", "ld3", "informal ally", None, ""),
    ("fin2", "controller", "informal ally", Some(0.3), ""),
    ("cos", "ceo", "informal ally", Some(0.4), "The CEO's sounding board."),
    ("ea", "ceo", "informal ally", Some(0.15), ""),
    ("hs", "coo", "informal ally", None, ""),
    ("hrbp1", "ops-head", "informal ally", Some(0.3), ""),
    ("sales1", "sales-dir", "informal ally", Some(0.3), "He listens to his top seller."),
    ("dpo", "sec-head", "informal ally", Some(0.35), ""),
    // The L&D team's contacts.
    ("ld-head", "hrd", "L&D contact", Some(0.5), "Weekly one-to-one; the HR Director trusts her judgement."),
    ("ld-head", "cos", "L&D contact", None, ""),
    ("ld-head", "wh1", "L&D contact", Some(0.3), ""),
    ("ld1", "hrbp1", "L&D contact", Some(0.3), ""),
    ("ld1", "sales6", "L&D contact", Some(0.3), ""),
    ("ld1", "fin2", "L&D contact", None, ""),
    ("ld1", "sales-m1", "L&D contact", None, ""),
    ("ld2", "comms2", "L&D contact", None, ""),
    ("ld3", "web2", "L&D contact", Some(0.3), ""),
    ("ld3", "sec2", "L&D contact", None, ""),
    ("ld4", "shift1", "L&D contact", None, ""),
    ("ld4", "op3", "L&D contact", Some(0.25), ""),
    // The works council.
    ("wc", "op1", WORKS_COUNCIL_REP.0, None, ""),
    ("wc", "op2", WORKS_COUNCIL_REP.0, None, ""),
    ("wc", "shift2", WORKS_COUNCIL_REP.0, None, ""),
    ("wc", "hrd", WORKS_COUNCIL_REP.0, Some(0.3), "Any change to working time goes through him."),
    ("wc", "er", WORKS_COUNCIL_REP.0, Some(0.5), ""),
];

/// The engagement log: person, date, action, summary, stance after.
#[rustfmt::skip]
const ENGAGEMENTS: &[(&str, &str, &str, &str, Option<Stance>)] = &[
    ("hrd", "2026-06-04", "met", "Agreed to sponsor the mobile learning business case.", Some(C)),
    ("wh1", "2026-06-11", "met", "Brian: 'we tried e-learning in 2019 and nobody logged in.' Invited him to run the pilot on his shifts.", Some(S)),
    ("web-head", "2026-06-18", "met", "Agreed to reuse single sign-on and the responsive intranet components.", Some(C)),
    ("cfo", "2026-06-20", "met", "First conversation: 'we already pay for an LMS; why pay again?'", Some(B)),
    ("cio", "2026-06-24", "met", "First look at BYOD: 'not on my network until Security is happy.'", Some(S)),
    ("sec-head", "2026-06-25", "met", "Raised BYOD: company data on personal phones, lost devices, no MDM.", Some(B)),
    ("coo", "2026-07-02", "presented", "Frontline reach: 70% of warehouse staff have no company email or laptop.", Some(U)),
    ("wh1", "2026-07-07", "piloted", "Pilot started on the Leeds night shift: 42 operatives, six micro-modules.", Some(N)),
    ("controller", "2026-07-15", "emailed", "Sent cost per learner; reply: no new spend until the Q1 budget round.", Some(B)),
    ("comms-head", "2026-07-22", "met", "Agreed a launch slot in the Monday newsletter and an intranet banner.", Some(U)),
    ("wc", "2026-08-05", "met", "Works council: learning on personal phones only in paid time, and opt-in.", Some(S)),
    ("wh1", "2026-08-19", "piloted", "Pilot results: 88% completion against 31% for the desktop course; he now presents it himself.", Some(C)),
    ("op3", "2026-08-26", "piloted", "Hana demoed the app at the toolbox talk.", Some(C)),
    ("cio", "2026-09-02", "presented", "Showed the pilot results and MDM options; she asked Security for a proposal.", Some(N)),
    ("wh2", "2026-09-09", "met", "Brian introduced Zoë; she wants the Leeds numbers for Bristol.", None),
    ("cfo", "2026-09-16", "presented", "Business case: payback in 14 months from less travel to classroom training.", Some(S)),
    ("sales-m1", "2026-09-30", "piloted", "Sales pilot: product updates as five-minute videos before client calls.", Some(U)),
    ("sec3", "2026-10-07", "emailed", "Sent the vendor's ISO 27001 certificate and the penetration test summary.", None),
    ("sec-head", "2026-10-14", "met", "José and Mateus walked Łukasz through app containerisation; he still wants a DPIA first.", None),
    ("dpo", "2026-10-21", "emailed", "Shared the DPIA draft for learner tracking.", Some(N)),
    ("sales1", "2026-10-28", "met", "Aisha offered to tell the Sales Director how the videos helped her close.", Some(C)),
    ("ceo", "2026-11-04", "presented", "Five minutes at the executive team: Brian told the Leeds pilot story.", None),
    ("sales-dir", "2026-11-12", "met", "After Aisha's story he agreed to one region trying it in Q1.", Some(S)),
    ("fin2", "2026-11-19", "emailed", "Chloé checked the payback model; she will walk the Controller through it.", Some(U)),
];

/// The day the demo's plan is written for: its overdue actions are overdue on this day, and the
/// README's worked example of the campaign is run with `--today` set to it.
pub const DEMO_TODAY: &str = "2026-12-01";

/// Where the L&D team needs people beyond the audience's default (supporter).
const TARGETS: &[(&str, Stance)] = &[
    ("cio", C),
    ("sec-head", N),
    ("controller", N),
    ("sales-dir", U),
    ("comms-head", C),
];

/// The plan: id, what, about whom, via whom, owner, due, state, the log entry it produced (date,
/// action), the suggestion it was accepted from, created, closed.
#[rustfmt::skip]
#[allow(clippy::type_complexity)]
const ACTIONS: &[(&str, &str, &str, Option<&str>, &str, &str, ActionState, Option<(&str, &str)>, Option<&str>, &str, Option<&str>)] = &[
    ("demo-pilot-leeds", "Ask Brian to run the pilot on his shifts", "wh1", None, "Anjali", "2026-06-15", ActionState::Done, Some(("2026-06-11", "met")), None, "2026-06-05", Some("2026-06-11")),
    ("demo-desktop-refresher", "Relaunch the desktop e-learning course for the warehouses", "wh1", None, "Tom", "2026-06-30", ActionState::Dropped, None, None, "2026-06-05", Some("2026-06-12")),
    ("demo-cost-controller", "Send the Controller the cost per learner", "controller", None, "Tom", "2026-07-15", ActionState::Done, Some(("2026-07-15", "emailed")), None, "2026-07-08", Some("2026-07-15")),
    ("demo-case-cfo", "Present the business case to the CFO, with Siobhán", "cfo", Some("hrd"), "Anjali", "2026-09-20", ActionState::Done, Some(("2026-09-16", "presented")), Some("gap:cfo"), "2026-09-01", Some("2026-09-16")),
    ("demo-containers", "Walk Łukasz through app containerisation with José and Mateus", "sec-head", Some("web-head"), "Anjali", "2026-10-15", ActionState::Done, Some(("2026-10-14", "met")), None, "2026-09-25", Some("2026-10-14")),
    ("demo-dpia-draft", "Share the DPIA draft with the Data Protection Officer", "dpo", None, "Mateus", "2026-10-21", ActionState::Done, Some(("2026-10-21", "emailed")), None, "2026-10-07", Some("2026-10-21")),
    ("demo-aisha-story", "Ask Aisha to tell the Sales Director how the videos helped her close", "sales-dir", Some("sales1"), "Tom", "2026-11-15", ActionState::Done, Some(("2026-11-12", "met")), None, "2026-10-28", Some("2026-11-12")),
    ("demo-mdm-cio", "Get Security's device management proposal in front of the CIO", "cio", Some("hrd"), "Anjali", "2026-11-20", ActionState::Open, None, Some("gap:cio"), "2026-11-02", None),
    ("demo-payback-controller", "Ask Chloé to walk the Controller through the payback model", "controller", Some("fin2"), "Tom", "2026-11-27", ActionState::Open, None, Some("gap:controller"), "2026-11-19", None),
    ("demo-steering-coo", "Steering group update for Tomás: the Leeds and Bristol pilot numbers", "coo", None, "Anjali", "2026-12-08", ActionState::Open, None, Some("stale:coo"), "2026-11-25", None),
    ("demo-trial-sales", "Book the Q1 regional trial with the Sales Director", "sales-dir", None, "Tom", "2026-12-12", ActionState::Open, None, None, "2026-11-12", None),
    ("demo-dpia-signoff", "Agree the DPIA sign-off date with Isabelle", "dpo", None, "Mateus", "2026-12-15", ActionState::Open, None, None, "2026-11-25", None),
];

/// The demo map, its dates moved so that it reads as written today: nothing in it is months
/// overdue or stale merely because time has passed since this file was.
pub fn demo() -> MapData {
    demo_on(&crate::store::today())
}

/// The demo map as written on `today` (`YYYY-MM-DD`): every date of its log and plan moves by
/// the days between [`DEMO_TODAY`] and `today`. An unreadable day leaves the dates as they are.
pub fn demo_on(today: &str) -> MapData {
    let offset = match (
        crate::campaign::parse_date(today),
        crate::campaign::parse_date(DEMO_TODAY),
    ) {
        (Some(t), Some(d)) => (t - d).whole_days(),
        _ => 0,
    };
    let shift =
        |date: &str| crate::campaign::add_days(date, offset).unwrap_or_else(|| date.to_string());
    let mut data = demo_as_written();
    frame_the_executives(&mut data);
    for e in &mut data.engagements {
        e.date = shift(&e.date);
    }
    for a in &mut data.actions {
        for date in [&mut a.due, &mut a.created, &mut a.closed]
            .into_iter()
            .flatten()
        {
            *date = shift(date);
        }
        if let Some(e) = &mut a.engagement {
            e.date = shift(&e.date);
        }
    }
    data
}

/// Layout units between neighbours of a department's sunflower (about 1.8 of this apart) at the
/// least: more where the most powerful member is more powerful (drawn bigger).
fn spacing(most_power: Option<u8>) -> f64 {
    24.0 * (0.5 + 0.15 * f64::from(most_power.unwrap_or(3)))
}

/// Pixels kept clear between two people's discs where Fit shows the demo in its default window.
const NODE_GAP: f64 = 3.0;

/// Where the `k`th person of a department's sunflower sits, for a spacing of 1, around its
/// centre (y down).
fn sunflower(k: usize) -> (f64, f64) {
    let golden = PI * (3.0 - 5f64.sqrt());
    let (r, a) = ((k as f64 + 0.5).sqrt(), golden * k as f64);
    (r * a.cos(), r * a.sin())
}

/// The pixels of spacing a sunflower of people of these powers (in order) needs so that no two
/// of their discs ([`NODE_RADIUS`]) come within [`NODE_GAP`] of each other.
fn spacing_in_pixels(powers: &[u8]) -> f64 {
    let mut most: f64 = 0.0;
    for (i, pi) in powers.iter().enumerate() {
        for (j, pj) in powers.iter().enumerate().skip(i + 1) {
            let ((xi, yi), (xj, yj)) = (sunflower(i), sunflower(j));
            let apart = (xi - xj).hypot(yi - yj);
            most = most.max((NODE_RADIUS.of(*pi) + NODE_RADIUS.of(*pj) + NODE_GAP) / apart);
        }
    }
    most
}

/// A department's sunflower as [`demo_block`] lays it out.
struct Disc {
    people: usize,
    /// The spacing in layout units it has at the least ([`spacing`]).
    spacing: f64,
    /// The spacing in pixels its people's discs need ([`spacing_in_pixels`]).
    pixels: f64,
}

/// The demo's departments laid out: their centres (y down, in the order of [`DEPARTMENTS`]),
/// each one's sunflower spacing in layout units, and the scale (pixels per unit) at which Fit
/// shows the block in the app's default canvas.
struct Block {
    centres: Vec<(f64, f64)>,
    spacings: Vec<f64>,
    scale: f64,
}

/// The canvas Fit fills in the app's default window (about 780 × 620 pixels, with a banner
/// above it and the floating controls below).
const CANVAS: (f64, f64) = (780.0, 620.0);

/// Where the demo's departments sit: each a disc of its people, the discs in rows, the rows
/// centred, in a block shaped like the app's canvas ([`CANVAS`]). The app draws each person as
/// a disc of [`NODE_RADIUS`] pixels and a tinted hull around each department with its name
/// above; those are pixels, so the spacings and gaps are worked out for the scale Fit will show
/// the block at: no two people's discs touch, and no hull overlaps another or another's name.
fn demo_block(discs: &[Disc]) -> Block {
    // The largest scale `k` at which the block laid out for `k` is shown at `k` or more: then
    // every pixel it was laid out for is there. Fit shows it at `scale` (k or a little more).
    let (mut lo, mut hi) = (0.05, 4.0);
    for _ in 0..40 {
        let k = (lo + hi) / 2.0;
        if block_at(discs, k).scale >= k {
            lo = k;
        } else {
            hi = k;
        }
    }
    block_at(discs, lo)
}

/// The block laid out for being shown at `k` pixels a unit: each department's spacing the larger
/// of its own and what its people's discs need at `k`, the hulls' pads and the names' room in
/// pixels at `k`; its `scale` is the one Fit shows it at.
fn block_at(discs: &[Disc], k: f64) -> Block {
    // The biggest node's radius and the hull's pad; the name above a hull; a gap between hulls.
    let hull_px = NODE_RADIUS.largest() + 14.0;
    const TITLE: f64 = 22.0;
    const GAP: f64 = 16.0;
    let (hull, title, gap) = (hull_px / k, TITLE / k, GAP / k);
    let spacings: Vec<f64> = discs.iter().map(|d| d.spacing.max(d.pixels / k)).collect();
    let r: Vec<f64> = discs
        .iter()
        .zip(&spacings)
        .map(|(d, s)| s * (d.people.max(1) as f64 - 0.5).sqrt() + hull)
        .collect();
    // Rows of discs in order, each row as wide as `width` allows; the width whose block has
    // the canvas's shape.
    let shelve = |width: f64| {
        let mut rows: Vec<Vec<usize>> = vec![Vec::new()];
        let mut x = 0.0;
        for (i, ri) in r.iter().enumerate() {
            let w = 2.0 * ri + gap;
            if x > 0.0 && x + w > width {
                rows.push(Vec::new());
                x = 0.0;
            }
            if let Some(row) = rows.last_mut() {
                row.push(i);
            }
            x += w;
        }
        let mut at = vec![(0.0, 0.0); r.len()];
        let (mut y, mut widest) = (0.0f64, 0.0f64);
        for row in &rows {
            let tall = row.iter().map(|&i| r[i]).fold(0.0, f64::max);
            let span: f64 = row.iter().map(|&i| 2.0 * r[i] + gap).sum::<f64>() - gap;
            let mut x = -span / 2.0;
            for &i in row {
                at[i] = (x + r[i], y + title + tall);
                x += 2.0 * r[i] + gap;
            }
            widest = widest.max(span);
            y += title + 2.0 * tall + gap;
        }
        (at, widest, y - gap)
    };
    let total: f64 = r.iter().map(|ri| 2.0 * ri + gap).sum();
    let (mut chosen, mut fit) = (shelve(total), f64::INFINITY);
    for step in 1..=40 {
        let width = total * f64::from(step) / 40.0;
        let (at, w, h) = shelve(width);
        let off = ((w / h) / (CANVAS.0 / CANVAS.1)).ln().abs();
        if off < fit {
            fit = off;
            chosen = (at, w, h);
        }
    }
    let (centres, w, h) = chosen;
    Block {
        centres,
        spacings,
        scale: (CANVAS.0 / w).min(CANVAS.1 / h),
    }
}

/// The row of [`DEPARTMENTS`] named `name` (the first for a name not there).
fn department_index(name: &str) -> usize {
    DEPARTMENTS
        .iter()
        .position(|d| d.0 == name)
        .unwrap_or_default()
}

/// Each department's sunflower, in the order of [`DEPARTMENTS`]: its people in the order of
/// [`PEOPLE`].
fn discs() -> Vec<Disc> {
    DEPARTMENTS
        .iter()
        .map(|(name, ..)| {
            let powers: Vec<u8> = PEOPLE
                .iter()
                .filter(|p| p.3 == *name)
                .map(|p| p.5)
                .collect();
            Disc {
                people: powers.len(),
                spacing: spacing(powers.iter().copied().max()),
                pixels: spacing_in_pixels(&powers),
            }
        })
        .collect()
}

/// The demo map with the dates it was written with (its day is [`DEMO_TODAY`]).
fn demo_as_written() -> MapData {
    // Each department is a disc of its people (a sunflower around the department's point); the
    // discs sit in rows, apart (see `demo_block`).
    let block = demo_block(&discs());
    let centre = |name: &str| block.centres[department_index(name)];
    let departments = DEPARTMENTS
        .iter()
        .map(|(name, parent, colour)| {
            let (x, y) = centre(name);
            DepartmentData {
                name: (*name).into(),
                parent: parent.map(Into::into),
                colour: Some((*colour).into()),
                position: Some(Position {
                    x,
                    y,
                    pinned: false,
                }),
                ..DepartmentData::default()
            }
        })
        .collect();

    let mut placed: BTreeMap<&str, usize> = BTreeMap::new();
    let people = PEOPLE
        .iter()
        .map(
            |(key, name, title, department, stance, power, interest, dm, tags, notes)| {
                let k = placed.entry(department).or_default();
                let (cx, cy) = centre(department);
                let spacing = block.spacings[department_index(department)];
                let (ux, uy) = sunflower(*k);
                *k += 1;
                PersonData {
                    id: Some((*key).into()),
                    name: (*name).into(),
                    title: Some((*title).into()),
                    department: Some((*department).into()),
                    stance: Some(*stance),
                    power: Some(*power),
                    interest: Some(*interest),
                    decision_maker: Some(*dm),
                    tags: Some(tags.iter().map(|t| (*t).to_string()).collect()),
                    notes: Some((*notes).into()),
                    position: Some(Position {
                        x: cx + spacing * ux,
                        y: cy + spacing * uy,
                        pinned: false,
                    }),
                    ..PersonData::default()
                }
            },
        )
        .collect();

    let line = REPORTS.iter().flat_map(|(manager, reports)| {
        reports
            .iter()
            .map(move |r| (*manager, *r, "line manager", None, ""))
    });
    let ties = line
        .chain(TIES.iter().copied())
        .map(|(from, to, kind, strength, notes)| TieData {
            from: from.into(),
            to: to.into(),
            kind: kind.into(),
            strength,
            notes: (!notes.is_empty()).then(|| notes.into()),
            ..TieData::default()
        })
        .collect();

    let engagements = ENGAGEMENTS
        .iter()
        .map(
            |(person, date, action, summary, stance_after)| EngagementData {
                person: (*person).into(),
                date: (*date).into(),
                action: (*action).into(),
                summary: (*summary).into(),
                stance_after: *stance_after,
                ..EngagementData::default()
            },
        )
        .collect();

    MapData {
        name: Some("Mobile learning at Northwind Logistics".into()),
        home: Some(GroupData {
            people: Vec::new(),
            department: Some("L&D".into()),
        }),
        goal: Some(GoalData {
            initiative: "Mobile learning rollout".into(),
            audience: GroupData {
                people: vec!["cfo".into(), "cio".into(), "coo".into()],
                department: None,
            },
        }),
        kinds: vec![TieKind {
            name: WORKS_COUNCIL_REP.0.into(),
            default_strength: WORKS_COUNCIL_REP.1,
        }],
        departments,
        people,
        ties,
        engagements,
        targets: TARGETS
            .iter()
            .map(|(person, stance)| TargetData {
                person: (*person).into(),
                stance: *stance,
                origin: Default::default(),
            })
            .collect(),
        actions: ACTIONS
            .iter()
            .map(
                |(id, what, person, via, owner, due, state, entry, suggestion, created, closed)| {
                    ActionData {
                        id: (*id).into(),
                        what: Some((*what).into()),
                        person: Some((*person).into()),
                        via: via.map(Into::into),
                        owner: Some((*owner).into()),
                        due: Some((*due).into()),
                        state: Some(*state),
                        engagement: entry.map(|(date, action)| EngagementRef {
                            date: date.into(),
                            action: action.into(),
                        }),
                        suggestion: suggestion.map(Into::into),
                        created: Some((*created).into()),
                        closed: closed.map(Into::into),
                        origin: Default::default(),
                    }
                },
            )
            .collect(),
        views: views(),
        ..MapData::default()
    }
}

/// Gives the board's view the region around the Executive department's people as the demo
/// places them, with room for their names.
fn frame_the_executives(data: &mut MapData) {
    let at: Vec<(f64, f64)> = data
        .people
        .iter()
        .filter(|p| p.department.as_deref() == Some("Executive"))
        .filter_map(|p| p.position.map(|q| (q.x, q.y)))
        .collect();
    if at.is_empty() {
        return;
    }
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for (x, y) in at {
        (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
    }
    const ROOM: f64 = 120.0;
    if let Some(v) = data.views.iter_mut().find(|v| v.id == "demo-view-board") {
        v.region = Some(Region {
            x0: x0 - ROOM,
            y0: y0 - ROOM,
            x1: x1 + ROOM,
            y1: y1 + ROOM,
        });
    }
}

/// The story the demo tells a steering group, as saved views (Present mode and the deck's last
/// slides): the whole map, the best path to the CFO, the board of advocates among the
/// executives, and where the sceptics and blockers sit.
fn views() -> Vec<ViewData> {
    let view = |id: &str, caption: &str, region: Option<Region>, highlight| ViewData {
        id: id.into(),
        position: None,
        caption: Some(caption.into()),
        layout: Some(ViewLayout::Department),
        region,
        highlight: Some(highlight),
        origin: Default::default(),
    };
    vec![
        view(
            "demo-view-map",
            "Northwind Logistics: who sways whom on mobile learning",
            None,
            Highlight::None,
        ),
        view(
            "demo-view-cfo",
            "Our best way to the CFO goes through our sponsor",
            None,
            Highlight::Path {
                from: None,
                to: "cfo".into(),
                avoid_opposed: true,
            },
        ),
        view(
            "demo-view-board",
            "The board of advocates we propose",
            // The executives' corner of the map: set from where they are drawn (see
            // `frame_the_executives`).
            None,
            Highlight::Board {
                size: 3,
                include_audience: false,
                balanced: false,
            },
        ),
        view(
            "demo-view-sceptics",
            "Where the resistance sits: sceptics and blockers",
            None,
            Highlight::Stances {
                stances: vec![Stance::Sceptic, Stance::Blocker],
            },
        ),
    ]
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests;
