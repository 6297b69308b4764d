//! Query strings and form bodies read leniently: every value is a string, repeated keys are
//! kept, and nothing a user can type makes the request fail before the page can say what is
//! wrong with it.

use crate::text::Lang;

/// The decoded `key=value` pairs of a query string or an `application/x-www-form-urlencoded`
/// body, in order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Params(Vec<(String, String)>);

impl Params {
    pub fn parse(raw: &[u8]) -> Self {
        Self(form_urlencoded::parse(raw).into_owned().collect())
    }

    pub fn from_query(query: Option<&str>) -> Self {
        Self::parse(query.unwrap_or_default().as_bytes())
    }

    /// The first value of `key`, trimmed; `None` when absent or blank.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    /// Every non-blank value of `key`.
    pub fn all(&self, key: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, v)| k == key && !v.trim().is_empty())
            .map(|(_, v)| v.trim())
            .collect()
    }

    /// Whether a checkbox `key` was ticked.
    pub fn checked(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// The page language: `lang=en` for English, Norwegian otherwise.
    pub fn lang(&self) -> Lang {
        match self.get("lang") {
            Some("en") => Lang::En,
            _ => Lang::Nb,
        }
    }

    /// The pairs except `lang`, re-encoded: the rest of the address when switching language.
    pub fn without_lang(&self) -> String {
        let mut s = form_urlencoded::Serializer::new(String::new());
        for (k, v) in self.0.iter().filter(|(k, _)| k != "lang") {
            s.append_pair(k, v);
        }
        s.finish()
    }
}
