//! Synthetic portfolios of any size, for benchmarks and load tests: one merger of many
//! municipalities, each with a file of contracts of every kind (contracts and framework
//! agreements; supplies, services and works; options, change clauses, price indexes,
//! termination clauses, earlier modifications and every kind of proposed change).
//!
//! The same [`Spec`] gives byte-identical files on every machine: the only source of variety
//! is [`SplitMix64`] seeded with `Spec::seed`, and nothing reads the clock. Every portfolio
//! generated passes `vesentlig check`. The proportions (listed on [`Spec`]) are the author's
//! estimate of a Norwegian municipality's contract register, not survey data.
//!
//! Run it with `cargo run --release --example generate -- --contracts N --seed S --out DIR`.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::{extension_days, months_after};

/// What to generate.
///
/// Proportions, per contract: 15 % framework agreements; 55 % services, 30 % supplies, 15 %
/// works (by catalogue entry); 45 % with extension options (a third of them already exercised
/// once), 20 % with a volume option; 30 % with a change clause; 15 % price-indexed; 60 % with a
/// termination clause; 30 % with earlier modifications; 10 % bought jointly with a neighbour
/// and 4 % with an authority outside the merger; 8 % signed before 2017 (with `award.part`).
/// 25 % of contracts have one or two proposed changes, drawn evenly from eleven kinds (option
/// exercise, clause, de minimis increase, additional deliveries, unforeseen circumstances, new
/// supplier, unfavourable terms, term extension, price decrease, joining municipality, a change
/// of nature); the others pass to the merged municipality implicitly. Within those kinds, by the
/// contract's serial number (no extra draw, so older seeds keep their sequence): every other
/// change of unfavourable terms states the value of those terms (`nature.estimated_value`),
/// every 13th term extension is agreed after the contract ended, every 7th joining is an
/// authority outside the merger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    /// Contracts in all.
    pub contracts: usize,
    /// Seed of the random sequence: the same seed gives the same files.
    pub seed: u64,
    /// Contracts per municipality file (the last file may hold fewer).
    pub per_file: usize,
}

impl Spec {
    /// `contracts` contracts in files of 500, as a municipality's register would export them.
    pub fn new(contracts: usize, seed: u64) -> Self {
        Self {
            contracts,
            seed,
            per_file: 500,
        }
    }

    /// Municipalities (one file each); a merger needs at least two.
    pub fn municipalities(&self) -> usize {
        self.contracts.div_ceil(self.per_file.max(1)).max(2)
    }
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub files: Vec<PathBuf>,
    pub contracts: usize,
    pub proposed_changes: usize,
    pub bytes: u64,
}

/// Writes the portfolio of `spec` into `dir` (created if missing): `merger.json` and one
/// `<municipality>.json` array of contracts per municipality. Refuses a folder that already
/// holds JSON files, so that two portfolios are never mixed.
pub fn generate(spec: &Spec, dir: &Path) -> io::Result<Written> {
    fs::create_dir_all(dir)?;
    if fs::read_dir(dir)?
        .any(|e| e.is_ok_and(|e| e.path().extension().is_some_and(|x| x == "json")))
    {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!(
                "{} already holds JSON files; give an empty folder",
                dir.display()
            ),
        ));
    }
    let municipalities = municipalities(spec.municipalities());
    let mut written = Written {
        files: Vec::new(),
        contracts: 0,
        proposed_changes: 0,
        bytes: 0,
    };
    let mut write = |name: String, json: Vec<u8>| -> io::Result<()> {
        let path = dir.join(name);
        written.bytes += json.len() as u64;
        fs::write(&path, json)?;
        written.files.push(path);
        Ok(())
    };
    write("merger.json".into(), pretty(&merger(&municipalities))?)?;
    let mut rng = SplitMix64::new(spec.seed);
    let per_file = spec.per_file.max(1);
    let mut left = spec.contracts;
    for (i, m) in municipalities.iter().enumerate() {
        let n = left.min(per_file);
        left -= n;
        if n == 0 {
            continue;
        }
        let neighbour = &municipalities[(i + 1) % municipalities.len()];
        let contracts: Vec<Contract> = (0..n)
            .map(|k| Builder::new(&mut rng, m, neighbour, k).contract())
            .collect();
        written.contracts += contracts.len();
        written.proposed_changes += contracts
            .iter()
            .map(|c| c.proposed_changes.len())
            .sum::<usize>();
        write(format!("{}.json", m.id), pretty(&contracts)?)?;
    }
    Ok(written)
}

fn pretty<T: Serialize>(value: &T) -> io::Result<Vec<u8>> {
    let mut out = serde_json::to_vec_pretty(value).map_err(io::Error::other)?;
    out.push(b'\n');
    Ok(out)
}

/// SplitMix64 (Steele, Lea and Flood, «Fast splittable pseudorandom number generators», 2014):
/// a 64-bit state advanced by a constant and mixed. Small, fast, and the same on every
/// platform, which is all a generator of test data needs (it is not cryptographic).
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0; the slight modulo bias is irrelevant here).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// `true` with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// A number in `lo..=hi`.
    pub fn between(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi.saturating_sub(lo) + 1)
    }
}

// ---------------------------------------------------------------------------------------------
// The files, field for field as docs/portfolio-format.md writes them; absent fields are left
// out (an optional field written as `null` would be valid too, but no register exports that).

#[derive(Serialize)]
struct Merger<'a> {
    name: &'a str,
    form: &'a str,
    explored_from: NaiveDate,
    decided: NaiveDate,
    effective: NaiveDate,
    authority_kind: &'a str,
    municipalities: &'a [Municipality],
}

#[derive(Debug, Clone, Serialize)]
struct Municipality {
    id: String,
    name: String,
    org_no: String,
    continues: bool,
}

#[derive(Serialize)]
struct Contract {
    id: String,
    title: String,
    service_area: &'static str,
    system: &'static str,
    authorities: Vec<Authority>,
    supplier: Party,
    kind: &'static str,
    subject: &'static str,
    character: &'static str,
    award: Award,
    start: NaiveDate,
    end: NaiveDate,
    value: Amount,
    #[serde(skip_serializing_if = "is_false")]
    value_is_estimate: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    annual_value: Option<Amount>,
    #[serde(skip_serializing_if = "Option::is_none")]
    price_index: Option<PriceIndex>,
    options: Vec<ContractOption>,
    change_clauses: Vec<Clause>,
    #[serde(skip_serializing_if = "Option::is_none")]
    termination: Option<Termination>,
    modifications: Vec<Modification>,
    proposed_changes: Vec<Change>,
}

fn is_false(b: &bool) -> bool {
    !b
}

#[derive(Serialize)]
#[serde(untagged)]
enum Authority {
    Municipality(String),
    External(Party),
}

#[derive(Serialize)]
struct Party {
    name: String,
    org_no: String,
}

#[derive(Serialize)]
struct Award {
    procedure: &'static str,
    announced: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    notice: Option<String>,
    signed: NaiveDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    part: Option<&'static str>,
}

#[derive(Serialize)]
struct PriceIndex {
    index: &'static str,
    adjusted_value: Amount,
    as_of: NaiveDate,
}

#[derive(Serialize)]
#[serde(untagged)]
enum ContractOption {
    Extension {
        id: String,
        kind: &'static str,
        months: u32,
        exercised: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        value: Option<Amount>,
    },
    Volume {
        id: String,
        kind: &'static str,
        description: String,
        quantity: u32,
        unit: &'static str,
        value: Amount,
        exercised_quantity: u32,
    },
}

#[derive(Serialize)]
struct Clause {
    id: String,
    text: String,
    covers: Vec<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_value: Option<Amount>,
    clear_precise_unequivocal: bool,
}

#[derive(Serialize)]
struct Termination {
    for_convenience: bool,
    notice_months: u32,
    on_merger: bool,
}

#[derive(Serialize)]
struct Modification {
    date: NaiveDate,
    description: String,
    value_change: Amount,
    #[serde(skip_serializing_if = "Option::is_none")]
    clause: Option<String>,
    ground: &'static str,
}

#[derive(Serialize, Default)]
struct Change {
    id: String,
    description: String,
    date: NaiveDate,
    #[serde(skip_serializing_if = "Amount::is_zero")]
    value_change: Amount,
    #[serde(skip_serializing_if = "Option::is_none")]
    new_end: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    add_authorities: Vec<Authority>,
    #[serde(skip_serializing_if = "Option::is_none")]
    exercise_option: Option<OptionUse>,
    #[serde(skip_serializing_if = "Option::is_none")]
    under_clause: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    new_supplier: Option<NewSupplier>,
    #[serde(skip_serializing_if = "Option::is_none")]
    nature: Option<Nature>,
    #[serde(skip_serializing_if = "Option::is_none")]
    additional_deliveries: Option<AdditionalDeliveries>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unforeseen: Option<Unforeseen>,
}

#[derive(Serialize)]
struct OptionUse {
    id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    quantity: Option<u32>,
}

#[derive(Serialize)]
struct NewSupplier {
    name: String,
    org_no: String,
    cause: &'static str,
    meets_original_qualifications: bool,
}

#[derive(Serialize)]
struct Nature {
    new_kinds_of_deliveries: bool,
    price_terms: &'static str,
    relaxes_requirements: bool,
    shifts_risk_to_buyer: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    estimated_value: Option<Amount>,
}

#[derive(Serialize)]
struct AdditionalDeliveries {
    change_of_supplier_impossible: bool,
    significant_inconvenience_or_cost: bool,
    reason: String,
}

#[derive(Serialize)]
struct Unforeseen {
    circumstance: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    arose: Option<NaiveDate>,
}

/// An amount: a JSON number when it is whole kroner (as registers export them), else a
/// string with its øre (`"1250000.50"`), so that no digit passes through floating point.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
struct Amount(Decimal);

impl Amount {
    fn kroner(n: i64) -> Self {
        Self(Decimal::from(n))
    }

    fn is_zero(&self) -> bool {
        self.0.is_zero()
    }
}

impl Serialize for Amount {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match i64::try_from(self.0) {
            Ok(n) if self.0.fract().is_zero() => s.serialize_i64(n),
            _ => s.serialize_str(&self.0.normalize().to_string()),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The merger.

/// The merger's dates: exploration, decision and the day the merged municipality exists.
fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn merger_effective() -> NaiveDate {
    date(2028, 1, 1)
}

fn merger(municipalities: &[Municipality]) -> Merger<'_> {
    Merger {
        name: "Nye Samlevik kommune",
        form: "new_entity",
        explored_from: date(2024, 3, 1),
        decided: date(2025, 6, 19),
        effective: merger_effective(),
        authority_kind: "sub_central",
        municipalities,
    }
}

const NAME_HEADS: [&str; 24] = [
    "Nord", "Sør", "Aust", "Vest", "Fjell", "Fjord", "Lille", "Stor", "Nes", "Dal", "Ås", "Sand",
    "Berg", "Strand", "Holm", "Lund", "Eid", "Skog", "Elve", "Haug", "Sjø", "Myr", "Bekke", "Li",
];
const NAME_TAILS: [&str; 15] = [
    "vik", "dal", "nes", "berg", "fjord", "strand", "haug", "land", "øy", "sund", "heim", "stad",
    "bø", "eid", "mo",
];

/// `n` municipalities with Norwegian-sounding names (a numeral when the names run out) and
/// ASCII ids.
fn municipalities(n: usize) -> Vec<Municipality> {
    let combos = NAME_HEADS.len() * NAME_TAILS.len();
    (0..n)
        .map(|i| {
            let stem = format!(
                "{}{}",
                NAME_HEADS[i % NAME_HEADS.len()],
                NAME_TAILS[(i / NAME_HEADS.len()) % NAME_TAILS.len()]
            );
            let round = i / combos;
            let name = if round == 0 {
                format!("{stem} kommune")
            } else {
                format!("{stem} {} kommune", round + 1)
            };
            let mut id = ascii_id(&stem);
            if round > 0 {
                id.push_str(&format!("-{}", round + 1));
            }
            Municipality {
                id,
                name,
                org_no: format!("9{:08}", 64_000_000 + i),
                continues: false,
            }
        })
        .collect()
}

/// Lower-case ASCII for an id: æ → ae, ø → o, å → a.
fn ascii_id(name: &str) -> String {
    name.to_lowercase()
        .chars()
        .flat_map(|c| match c {
            'æ' => vec!['a', 'e'],
            'ø' => vec!['o'],
            'å' => vec!['a'],
            c if c.is_ascii_alphanumeric() => vec![c],
            _ => vec!['-'],
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The contracts.

/// One kind of purchase a municipality makes, with the KS system name where there is one.
struct Purchase {
    area: &'static str,
    system: &'static str,
    title: &'static str,
    slug: &'static str,
    subject: &'static str,
    character: &'static str,
    framework: bool,
    /// Range of the yearly value, in thousands of kroner.
    yearly_k: (u64, u64),
    unit: &'static str,
}

const fn purchase(
    area: &'static str,
    system: &'static str,
    title: &'static str,
    slug: &'static str,
    (subject, character, framework): (&'static str, &'static str, bool),
    yearly_k: (u64, u64),
    unit: &'static str,
) -> Purchase {
    Purchase {
        area,
        system,
        title,
        slug,
        subject,
        character,
        framework,
        yearly_k,
        unit,
    }
}

const SERVICES: (&str, &str, bool) = ("services", "standard", false);
const COMPLEX: (&str, &str, bool) = ("services", "complex", false);
const SUPPLIES: (&str, &str, bool) = ("supplies", "standard", true);
const WORKS: (&str, &str, bool) = ("works", "complex", false);

/// 20 purchases: 11 services, 6 supplies, 3 works (drawn evenly: 55 / 30 / 15 %).
#[rustfmt::skip]
const PURCHASES: [Purchase; 20] = [
    purchase("Økonomi og regnskap", "Økonomi- og regnskapssystem", "Økonomi- og regnskapssystem med drift og brukerstøtte", "okonomi", COMPLEX, (400, 4_000), "brukerlisenser"),
    purchase("Personal og lønn", "Personal- og lønnssystem", "Lønns- og personalsystem", "lonn", COMPLEX, (250, 3_000), "brukerlisenser"),
    purchase("Pleie og omsorg", "Pleie- og omsorgssystem", "Elektronisk pasientjournal for pleie og omsorg", "pleie", COMPLEX, (500, 5_000), "brukerlisenser"),
    purchase("Pleie og omsorg", "Turnussystem", "Turnus- og vaktplansystem", "turnus", SERVICES, (100, 1_000), "brukerlisenser"),
    purchase("Helsestasjon", "Helsestasjonssystem", "Journalsystem for helsestasjon og skolehelsetjeneste", "helsestasjon", SERVICES, (75, 750), "brukerlisenser"),
    purchase("Barnevern", "Barnevernssystem", "Fagsystem for barnevernstjenesten", "barnevern", SERVICES, (125, 1_250), "brukerlisenser"),
    purchase("Barnehage", "System for barnehageadministrasjon", "Fagsystem for barnehageadministrasjon", "barnehage", SERVICES, (75, 750), "lisenser"),
    purchase("Grunnskolen", "Skoleadministrativt system", "Skoleadministrativt system", "skole", SERVICES, (125, 1_500), "lisenser"),
    purchase("Plan- og byggesak", "System/modul for byggesaksbehandling", "Modul for byggesaksbehandling", "byggesak", SERVICES, (100, 1_250), "brukerlisenser"),
    purchase("Byggforvaltning", "Renholdstjenester", "Renhold av kommunale bygg", "renhold", SERVICES, (500, 10_000), "kvadratmeter"),
    purchase("IKT-infrastruktur og -drift", "Driftstjenester for IKT-infrastruktur", "Drift av servere, nettverk og brukerstøtte", "ikt-drift", COMPLEX, (750, 7_500), "arbeidsplasser"),
    purchase("IKT-infrastruktur og -drift", "Klientutstyr (PC-er og nettbrett)", "Rammeavtale om PC-er, skjermer og nettbrett", "ikt-utstyr", SUPPLIES, (250, 5_000), "PC-er"),
    purchase("Innkjøp", "Kontorrekvisita (varekjøp)", "Rammeavtale om kontorrekvisita", "kontor", SUPPLIES, (50, 750), "bestillinger"),
    purchase("Pleie og omsorg", "Matvarer til institusjoner", "Rammeavtale om matvarer til sykehjem", "matvarer", SUPPLIES, (250, 3_750), "leveranser"),
    purchase("Pleie og omsorg", "Medisinske forbruksvarer", "Rammeavtale om medisinske forbruksvarer", "medisinsk", SUPPLIES, (125, 2_000), "leveranser"),
    purchase("Tekniske tjenester", "Arbeidsklær og verneutstyr", "Rammeavtale om arbeidsklær og verneutstyr", "arbeidsklaer", SUPPLIES, (50, 625), "leveranser"),
    purchase("Grunnskolen", "Skolemøbler", "Rammeavtale om skolemøbler", "mobler", SUPPLIES, (75, 1_500), "klasserom"),
    purchase("Tekniske tjenester", "Vei- og anleggsarbeider", "Utbedring av kommunal vei med gang- og sykkelvei", "vei", WORKS, (1_250, 22_500), "parseller"),
    purchase("Byggforvaltning", "Rehabilitering av bygg", "Rehabilitering av skolebygg", "rehabilitering", WORKS, (2_500, 37_500), "bygg"),
    purchase("Tekniske tjenester", "Vann og avløp", "Fornyelse av vann- og avløpsledninger", "va", WORKS, (750, 15_000), "strekninger"),
];

const SUPPLIER_HEADS: [&str; 12] = [
    "Nord", "Vest", "Fjord", "Kyst", "Dale", "Fjell", "Midt", "Sør", "Nordic", "Bygde", "Vik",
    "Øst",
];
const SUPPLIER_TAILS: [&str; 10] = [
    "data",
    "drift",
    "partner",
    "system",
    "service",
    "levering",
    "bygg",
    "entreprenør",
    "forsyning",
    "teknikk",
];

/// Causes of a change of supplier (`new_supplier.cause`).
const CAUSES: [&str; 4] = ["merger", "acquisition", "restructuring", "insolvency"];

/// The eleven kinds of proposed change.
const CHANGE_KINDS: u64 = 11;

/// Builds one contract, drawing every choice from the shared sequence in a fixed order.
struct Builder<'a> {
    rng: &'a mut SplitMix64,
    municipality: &'a Municipality,
    neighbour: &'a Municipality,
    serial: usize,
}

/// The dates and value the rest of a contract is built around.
struct Frame {
    signed: NaiveDate,
    start: NaiveDate,
    end: NaiveDate,
    value: Amount,
    yearly: i64,
}

impl<'a> Builder<'a> {
    fn new(
        rng: &'a mut SplitMix64,
        municipality: &'a Municipality,
        neighbour: &'a Municipality,
        serial: usize,
    ) -> Self {
        Self {
            rng,
            municipality,
            neighbour,
            serial,
        }
    }

    fn contract(mut self) -> Contract {
        let p = self.rng.pick(&PURCHASES);
        let frame = self.frame(p);
        let id = format!(
            "{}-{}-{}-{:04}",
            self.municipality.id,
            p.slug,
            frame.signed.format("%Y"),
            self.serial
        );
        let options = self.options(p, &frame);
        let change_clauses = self.clauses(&frame);
        let modifications = self.modifications(&frame, &change_clauses);
        let end_with_options = end_with_options(frame.end, &options);
        let proposed_changes = if self.rng.chance(25) {
            let n = self.rng.between(1, 2);
            (0..n)
                .map(|k| self.change(k, p, &frame, end_with_options, &options, &change_clauses))
                .collect()
        } else {
            Vec::new()
        };
        let price_index = self.rng.chance(15).then(|| {
            let percent = self.rng.between(2, 15);
            let days = (frame.end - frame.signed).num_days().max(1) as u64;
            PriceIndex {
                index: "SSBs konsumprisindeks (KPI), hovedindeks",
                adjusted_value: Amount(
                    (frame.value.0 * Decimal::from(100 + percent) / Decimal::from(100)).round(),
                ),
                as_of: frame.signed + Days::new(self.rng.below(days)),
            }
        });
        let termination = self.rng.chance(60).then(|| Termination {
            for_convenience: self.rng.chance(50),
            notice_months: *self.rng.pick(&[3, 6, 6, 12]),
            on_merger: self.rng.chance(20),
        });
        Contract {
            title: format!("{} – {}", p.title, self.municipality.name),
            service_area: p.area,
            system: p.system,
            authorities: self.authorities(),
            supplier: self.party(),
            kind: if p.framework && self.rng.chance(90) {
                "framework_agreement"
            } else {
                "contract"
            },
            subject: p.subject,
            character: p.character,
            award: self.award(&frame),
            start: frame.start,
            end: frame.end,
            value: frame.value,
            value_is_estimate: p.framework,
            annual_value: self.rng.chance(40).then_some(Amount::kroner(frame.yearly)),
            price_index,
            options,
            change_clauses,
            termination,
            modifications,
            proposed_changes,
            id,
        }
    }

    /// Started between mid-2017 and mid-2026 (8 %: 2013 to 2016, on long terms) for two to
    /// eight years, at least until the register's date (mid-2026); signed up to three months
    /// before the start; the value in proportion to the term.
    fn frame(&mut self, p: &Purchase) -> Frame {
        let (from, span, shortest) = if self.rng.chance(8) {
            (date(2013, 1, 1), 4 * 365, 2)
        } else {
            (date(2017, 6, 1), 9 * 365, 2)
        };
        let start = from + Days::new(self.rng.below(span));
        let until_register = (date(2026, 7, 1) - start).num_days().max(0) as u64;
        let shortest = shortest.max(until_register.div_ceil(365));
        let years = self.rng.between(shortest, shortest.max(8));
        let end = months_after(start - Days::new(1), 12 * years as u32).unwrap_or(start);
        let signed = start - Days::new(self.rng.below(90));
        let yearly = (self.rng.between(p.yearly_k.0, p.yearly_k.1) * 1_000) as i64;
        let mut value = Amount::kroner(yearly * years as i64);
        if self.rng.chance(5) {
            // Some registers keep øre.
            value = Amount(value.0 + Decimal::new(self.rng.between(1, 99) as i64, 2));
        }
        Frame {
            signed,
            start,
            end,
            value,
            yearly,
        }
    }

    fn authorities(&mut self) -> Vec<Authority> {
        let mut out = vec![Authority::Municipality(self.municipality.id.clone())];
        if self.rng.chance(10) && self.neighbour.id != self.municipality.id {
            out.push(Authority::Municipality(self.neighbour.id.clone()));
        }
        if self.rng.chance(4) {
            out.push(Authority::External(Party {
                name: "Vestfjord fylkeskommune".into(),
                org_no: "972159018".into(),
            }));
        }
        out
    }

    fn party(&mut self) -> Party {
        let head = self.rng.pick(&SUPPLIER_HEADS);
        let tail = self.rng.pick(&SUPPLIER_TAILS);
        Party {
            name: format!("{head}{tail} AS"),
            org_no: format!("9{:08}", self.rng.below(100_000_000)),
        }
    }

    fn award(&mut self, f: &Frame) -> Award {
        let procedure = *self.rng.pick(&[
            "open",
            "open",
            "open",
            "open",
            "open",
            "open",
            "competitive_negotiation",
            "competitive_negotiation",
            "restricted",
            "direct_award",
        ]);
        let announced = procedure != "direct_award";
        let notice = announced.then(|| {
            format!(
                "Doffin {}-{:06}",
                f.signed.format("%Y"),
                self.rng.below(1_000_000)
            )
        });
        // The built-in thresholds start in 2017; an older contract states its part.
        let part = (f.signed < date(2017, 1, 1)).then(|| *self.rng.pick(&["II", "III"]));
        Award {
            procedure,
            announced,
            notice,
            signed: f.signed,
            part,
        }
    }

    fn options(&mut self, p: &Purchase, f: &Frame) -> Vec<ContractOption> {
        let mut out = Vec::new();
        if self.rng.chance(45) {
            let count = self.rng.between(1, 2);
            let exercised_first = self.rng.chance(33);
            for i in 0..count {
                let months = *self.rng.pick(&[12, 12, 24]);
                let priced = self.rng.chance(30);
                out.push(ContractOption::Extension {
                    id: format!("forlengelse-{}", i + 1),
                    kind: "extension",
                    months,
                    exercised: i == 0 && exercised_first,
                    value: priced.then(|| Amount::kroner(f.yearly * i64::from(months) / 12)),
                });
            }
        }
        if self.rng.chance(20) {
            let quantity = self.rng.between(2, 40) as u32;
            let exercised = self.rng.below(u64::from(quantity) / 2 + 1) as u32;
            let per_unit = (f.yearly / 20).max(1_000);
            out.push(ContractOption::Volume {
                id: "volumopsjon".into(),
                kind: "volume",
                description: format!(
                    "Kjøp av inntil {quantity} ytterligere {} til avtalt enhetspris",
                    p.unit
                ),
                quantity,
                unit: p.unit,
                value: Amount::kroner(per_unit * i64::from(quantity)),
                exercised_quantity: exercised,
            });
        }
        out
    }

    fn clauses(&mut self, f: &Frame) -> Vec<Clause> {
        if !self.rng.chance(30) {
            return Vec::new();
        }
        let percent = *self.rng.pick(&[5, 10, 15, 20]);
        const COVERS: [&[&str]; 4] = [
            &["volume"],
            &["new_authorities", "volume"],
            &["price"],
            &["term"],
        ];
        let covers = self.rng.pick(&COVERS);
        let precise = self.rng.chance(60);
        let max_value = precise
            .then(|| Amount((f.value.0 * Decimal::from(percent) / Decimal::ONE_HUNDRED).round()));
        let text = if precise {
            format!(
                "Oppdragsgiver kan endre omfanget med inntil {percent} % av kontraktsverdien, til de samme enhetsprisene, også for kommuner som slår seg sammen med oppdragsgiver."
            )
        } else {
            "Partene kan ved behov avtale endringer i leveransen dersom forholdene tilsier det."
                .into()
        };
        vec![Clause {
            id: "endringsklausul".into(),
            text,
            covers: covers.to_vec(),
            max_value,
            clear_precise_unequivocal: precise,
        }]
    }

    fn modifications(&mut self, f: &Frame, clauses: &[Clause]) -> Vec<Modification> {
        if !self.rng.chance(30) {
            return Vec::new();
        }
        let n = self.rng.between(1, 2);
        (0..n)
            .map(|i| {
                let days = (f.end - f.signed).num_days().max(1) as u64;
                let ground = *self.rng.pick(&[
                    "de_minimis",
                    "de_minimis",
                    "option",
                    "change_clause",
                    "non_substantial",
                    "unknown",
                ]);
                let clause = (ground == "change_clause")
                    .then(|| clauses.first().map(|c| c.id.clone()))
                    .flatten();
                Modification {
                    date: f.signed + Days::new(self.rng.below(days)),
                    description: format!(
                        "Endringsavtale {}: justert omfang etter behov i driftsfasen.",
                        i + 1
                    ),
                    value_change: Amount::kroner(
                        (f.value.0 * Decimal::new(self.rng.between(1, 4) as i64, 2))
                            .round()
                            .try_into()
                            .unwrap_or(0),
                    ),
                    clause,
                    ground: if ground == "change_clause" && clauses.is_empty() {
                        "unknown"
                    } else {
                        ground
                    },
                }
            })
            .collect()
    }

    /// A proposed change of one of the eleven kinds, dated two months before the merger where
    /// the contract still runs then, else within its life.
    fn change(
        &mut self,
        k: u64,
        p: &Purchase,
        f: &Frame,
        end_with_options: NaiveDate,
        options: &[ContractOption],
        clauses: &[Clause],
    ) -> Change {
        let target = merger_effective() - Days::new(61 + 30 * k);
        let on = target.clamp(f.signed, f.end.min(end_with_options));
        let percent = |rng: &mut SplitMix64, lo: u64, hi: u64| {
            Amount((f.value.0 * Decimal::from(rng.between(lo, hi)) / Decimal::ONE_HUNDRED).round())
        };
        let mut c = Change {
            id: format!("endring-{}", k + 1),
            date: on,
            ..Default::default()
        };
        match self.rng.below(CHANGE_KINDS) {
            0 => match options.first() {
                Some(ContractOption::Extension {
                    id,
                    months,
                    exercised: false,
                    ..
                }) => {
                    c.description = format!(
                        "Utløse {id}: avtalen forlenges med {months} måneder, også for den sammenslåtte kommunen."
                    );
                    c.new_end = months_after(f.end, *months);
                    c.exercise_option = Some(OptionUse {
                        id: id.clone(),
                        quantity: None,
                    });
                }
                Some(ContractOption::Volume {
                    id, quantity, unit, ..
                }) => {
                    let q = self.rng.between(1, u64::from(*quantity)) as u32;
                    c.description = format!(
                        "Bestille {q} {unit} etter {id} for å dekke behovet i {}.",
                        self.neighbour.name
                    );
                    c.exercise_option = Some(OptionUse {
                        id: id.clone(),
                        quantity: Some(q),
                    });
                    c.add_authorities = vec![Authority::Municipality(self.neighbour.id.clone())];
                }
                _ => {
                    c.description =
                        "Videreføring uten endringer til den sammenslåtte kommunen.".into();
                }
            },
            1 => match clauses.first() {
                Some(k) => {
                    c.description = format!(
                        "Endring etter {} for å dekke behovet i {}.",
                        k.id, self.neighbour.name
                    );
                    c.under_clause = Some(k.id.clone());
                    c.value_change = percent(self.rng, 3, 18);
                    if k.covers.contains(&"new_authorities") {
                        c.add_authorities =
                            vec![Authority::Municipality(self.neighbour.id.clone())];
                    }
                }
                None => {
                    c.description = "Mindre tilleggsbestilling innenfor avtalens ramme.".into();
                    c.value_change = percent(self.rng, 2, 6);
                }
            },
            2 => {
                c.description = format!("Tilleggsbestilling av {} etter økt behov.", p.unit);
                c.value_change = percent(self.rng, 2, 14);
            }
            3 => {
                c.description =
                    "Tilleggsleveranser som må komme fra samme leverandør av tekniske grunner."
                        .into();
                c.value_change = percent(self.rng, 10, 60);
                c.additional_deliveries = Some(AdditionalDeliveries {
                    change_of_supplier_impossible: self.rng.chance(70),
                    significant_inconvenience_or_cost: self.rng.chance(70),
                    reason: "Systemet er integrert med kommunens øvrige fagsystemer; en annen leverandør ville kreve ny integrasjon og dobbel drift.".into(),
                });
            }
            4 => {
                c.description =
                    "Tilleggsarbeid etter forhold som ikke var kjent da avtalen ble inngått."
                        .into();
                c.value_change = percent(self.rng, 5, 45);
                c.unforeseen = Some(Unforeseen {
                    circumstance: "Forhold som verken oppdragsgiver eller leverandør kunne forutse ved kontraktsinngåelsen.".into(),
                    arose: self.rng.chance(50).then(|| f.signed.max(on - Days::new(200))),
                });
            }
            5 => {
                let head = self.rng.pick(&SUPPLIER_HEADS);
                c.description = format!(
                    "Leverandøren er kjøpt opp av {head}konsernet AS, som overtar avtalen."
                );
                let org_no = format!("9{:08}", self.rng.below(100_000_000));
                let cause = *self.rng.pick(&CAUSES);
                c.new_supplier = Some(NewSupplier {
                    name: format!("{head}konsernet AS"),
                    org_no,
                    cause,
                    meets_original_qualifications: self.rng.chance(85),
                });
            }
            6 => {
                c.description = "Ny prismodell etter leverandørens krav: høyere timepriser og færre bindinger for leverandøren.".into();
                c.value_change = percent(self.rng, 1, 8);
                // Every other such change states the value of its non-price terms (decided
                // by the serial number, not a draw, so the random sequence stays as it was).
                c.nature = Some(Nature {
                    new_kinds_of_deliveries: false,
                    price_terms: "favour_supplier",
                    relaxes_requirements: self.rng.chance(40),
                    shifts_risk_to_buyer: self.rng.chance(30),
                    estimated_value: self
                        .serial
                        .is_multiple_of(2)
                        .then(|| Amount((f.value.0 / Decimal::from(50)).round())),
                });
            }
            7 => {
                let months = *self.rng.pick(&[6, 12, 24]);
                c.description = format!(
                    "Forlenge avtalen med {months} måneder til ny konkurranse er gjennomført for den sammenslåtte kommunen."
                );
                c.new_end = months_after(f.end, months);
                // Now and then agreed too late, after the contract ended (a retender).
                if self.serial.is_multiple_of(13) {
                    c.date = f.end + Days::new(20);
                    c.description += " Avtalen er allerede utløpt.";
                }
            }
            8 => {
                c.description =
                    "Redusert omfang etter samordning av tjenestene i den sammenslåtte kommunen."
                        .into();
                c.value_change = Amount(-percent(self.rng, 5, 20).0);
            }
            9 => {
                c.description = format!(
                    "{} tas inn i avtalen fra sammenslåingstidspunktet.",
                    self.neighbour.name
                );
                c.add_authorities = vec![Authority::Municipality(self.neighbour.id.clone())];
                c.value_change = percent(self.rng, 15, 45);
                // Now and then an authority outside the merger joins instead.
                if self.serial.is_multiple_of(7) {
                    c.description =
                        "Fjordregionen IKS (utenfor sammenslåingen) tas inn i avtalen.".into();
                    c.add_authorities = vec![Authority::External(Party {
                        name: "Fjordregionen IKS".into(),
                        org_no: "999888777".into(),
                    })];
                }
            }
            _ => {
                c.description = "Utvidelse med nye tjenester som ikke var omfattet av den opprinnelige avtalen.".into();
                c.value_change = percent(self.rng, 10, 30);
                c.nature = Some(Nature {
                    new_kinds_of_deliveries: true,
                    price_terms: "unchanged",
                    relaxes_requirements: false,
                    shifts_risk_to_buyer: false,
                    estimated_value: None,
                });
            }
        }
        c
    }
}

/// The end with every unexercised extension option, as `Contract::end_with_options` counts it.
fn end_with_options(end: NaiveDate, options: &[ContractOption]) -> NaiveDate {
    let months: u32 = options
        .iter()
        .map(|o| match o {
            ContractOption::Extension {
                months,
                exercised: false,
                ..
            } => *months,
            _ => 0,
        })
        .sum();
    end + Days::new(extension_days(end, months).max(0) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix_matches_the_reference_sequence() {
        // First outputs for seed 1234567 (reference implementation by Vigna).
        let mut r = SplitMix64::new(1_234_567);
        assert_eq!(r.next_u64(), 6_457_827_717_110_365_317);
        assert_eq!(r.next_u64(), 3_203_168_211_198_807_973);
    }

    #[test]
    fn municipality_ids_are_unique_and_ascii() {
        let ms = municipalities(800);
        let mut ids: Vec<&str> = ms.iter().map(|m| m.id.as_str()).collect();
        assert!(
            ids.iter()
                .all(|id| id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        );
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 800);
    }
}
