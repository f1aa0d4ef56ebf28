//! What a department does — its function (executive, IT, communications, …) — which the board of
//! advocates reads to name the seats practitioners fill: an executive sponsor, a partner inside
//! IT, communications or marketing. Guessed from the department's name when it is created, and
//! settable.

use serde::{Deserialize, Serialize};

/// A department's function.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum Function {
    #[serde(rename = "executive")]
    Executive,
    #[serde(rename = "it")]
    It,
    #[serde(rename = "communications")]
    Communications,
    #[serde(rename = "marketing")]
    Marketing,
    #[serde(rename = "hr")]
    Hr,
    #[serde(rename = "finance")]
    Finance,
    #[serde(rename = "operations")]
    Operations,
    #[serde(rename = "sales")]
    Sales,
    #[serde(rename = "l&d")]
    LearningAndDevelopment,
    #[default]
    #[serde(rename = "other")]
    Other,
}

impl Function {
    pub const ALL: [Function; 10] = [
        Function::Executive,
        Function::It,
        Function::Communications,
        Function::Marketing,
        Function::Hr,
        Function::Finance,
        Function::Operations,
        Function::Sales,
        Function::LearningAndDevelopment,
        Function::Other,
    ];

    /// The word stored in the map file and the JSON format.
    pub fn as_str(self) -> &'static str {
        match self {
            Function::Executive => "executive",
            Function::It => "it",
            Function::Communications => "communications",
            Function::Marketing => "marketing",
            Function::Hr => "hr",
            Function::Finance => "finance",
            Function::Operations => "operations",
            Function::Sales => "sales",
            Function::LearningAndDevelopment => "l&d",
            Function::Other => "other",
        }
    }

    /// How text names it.
    pub fn label(self) -> &'static str {
        match self {
            Function::Executive => "executive",
            Function::It => "IT",
            Function::Communications => "communications",
            Function::Marketing => "marketing",
            Function::Hr => "HR",
            Function::Finance => "finance",
            Function::Operations => "operations",
            Function::Sales => "sales",
            Function::LearningAndDevelopment => "L&D",
            Function::Other => "other",
        }
    }

    /// Reads a function as a user writes it: `it`, `IT`, `comms`, `l&d`, `learning`, `human
    /// resources`…
    pub fn parse(text: &str) -> Result<Function, String> {
        let t = text.trim().to_lowercase();
        let f = match t.as_str() {
            "executive" | "exec" | "leadership" => Function::Executive,
            "it" | "ict" | "information technology" | "technology" => Function::It,
            "communications" | "comms" | "internal communications" => Function::Communications,
            "marketing" => Function::Marketing,
            "hr" | "human resources" | "people" => Function::Hr,
            "finance" => Function::Finance,
            "operations" | "ops" => Function::Operations,
            "sales" => Function::Sales,
            "l&d" | "ld" | "l-and-d" | "learning" | "learning and development" | "training" => {
                Function::LearningAndDevelopment
            }
            "other" | "" => Function::Other,
            _ => {
                return Err(format!(
                    "{text:?} is not a department function: use executive, it, communications, \
                     marketing, hr, finance, operations, sales, l&d or other"
                ));
            }
        };
        Ok(f)
    }

    /// A guess from a department's name ("IT Security" → IT, "Internal Communications" →
    /// communications, "People & Culture" → HR); [`Function::Other`] when nothing matches.
    pub fn guess(name: &str) -> Function {
        let lower = name.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !(c.is_alphanumeric() || c == '&'))
            .filter(|w| !w.is_empty())
            .collect();
        let has = |w: &str| words.contains(&w);
        let phrase = |p: &str| lower.contains(p);
        // Most specific first: "L&D" before HR, "digital marketing" before IT.
        if has("l&d")
            || has("learning")
            || has("training")
            || phrase("learning and development")
            || phrase("learning & development")
        {
            Function::LearningAndDevelopment
        } else if has("communications") || has("comms") || phrase("corporate affairs") {
            Function::Communications
        } else if has("marketing") || has("brand") {
            Function::Marketing
        } else if has("hr")
            || phrase("human resources")
            || has("people")
            || has("personnel")
            || has("talent")
        {
            Function::Hr
        } else if has("finance")
            || has("financial")
            || has("accounts")
            || has("accounting")
            || has("treasury")
            || has("payroll")
            || has("procurement")
        {
            Function::Finance
        } else if has("it")
            || has("ict")
            || has("technology")
            || phrase("information technology")
            || has("infrastructure")
            || has("security")
            || has("web")
            || has("software")
            || has("systems")
            || has("digital")
            || has("data")
            || has("engineering")
        {
            Function::It
        } else if has("sales") || has("commercial") || phrase("business development") {
            Function::Sales
        } else if has("operations")
            || has("ops")
            || has("logistics")
            || has("warehouse")
            || has("warehousing")
            || has("supply")
            || has("manufacturing")
            || has("production")
            || has("customer")
            || has("facilities")
            || has("fleet")
        {
            Function::Operations
        } else if has("executive")
            || has("board")
            || has("leadership")
            || phrase("c-suite")
            || phrase("office of the")
            || phrase("management team")
        {
            Function::Executive
        } else {
            Function::Other
        }
    }
}

/// A function as a form offers it: the value stored, and how it is named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FunctionChoice {
    pub function: Function,
    pub label: String,
}

impl Function {
    /// Every function, in the order a form lists them, with its name: what the app's department
    /// form offers (so the list lives here, not in the window).
    pub fn choices() -> Vec<FunctionChoice> {
        Function::ALL
            .into_iter()
            .map(|function| FunctionChoice {
                function,
                label: function.label().to_string(),
            })
            .collect()
    }
}

impl std::fmt::Display for Function {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_is_offered_every_function_once_with_its_name() {
        let choices = Function::choices();
        assert_eq!(choices.len(), Function::ALL.len());
        assert_eq!(choices[1].function, Function::It);
        assert_eq!(choices[1].label, "IT");
        assert_eq!(choices.last().map(|c| c.function), Some(Function::Other));
        for c in &choices {
            assert_eq!(Function::parse(c.function.as_str()), Ok(c.function));
        }
    }

    #[test]
    fn functions_are_guessed_from_department_names() {
        for (name, f) in [
            ("Executive", Function::Executive),
            ("Senior Leadership Team", Function::Executive),
            ("IT", Function::It),
            ("IT Security", Function::It),
            ("Infrastructure", Function::It),
            ("Web Development", Function::It),
            ("Information Technology", Function::It),
            ("Internal Communications", Function::Communications),
            ("Marketing", Function::Marketing),
            ("Digital Marketing", Function::Marketing),
            ("HR", Function::Hr),
            ("People & Culture", Function::Hr),
            ("Finance", Function::Finance),
            ("Operations", Function::Operations),
            ("Customer Service", Function::Operations),
            ("Sales", Function::Sales),
            ("L&D", Function::LearningAndDevelopment),
            ("Learning & Development", Function::LearningAndDevelopment),
            ("Legal", Function::Other),
            // "it" as a word, not inside another word.
            ("Audit", Function::Other),
        ] {
            assert_eq!(Function::guess(name), f, "{name}");
        }
    }

    #[test]
    fn every_function_reads_back_from_its_word() {
        for f in Function::ALL {
            assert_eq!(Function::parse(f.as_str()), Ok(f));
            assert_eq!(
                serde_json::to_string(&f).unwrap(),
                format!("\"{}\"", f.as_str())
            );
        }
        assert_eq!(Function::parse("IT"), Ok(Function::It));
        assert!(
            Function::parse("wizardry")
                .unwrap_err()
                .contains("executive, it")
        );
    }
}
