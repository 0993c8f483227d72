//! A tiny JSON object writer for the examples' `--json` line.
//!
//! Numbers that are not finite are written as `null` (JSON has no NaN).

use std::fmt::Write;

/// A JSON object built field by field, in insertion order.
#[derive(Debug, Clone, Default)]
pub struct JsonObject {
    fields: Vec<(String, String)>,
}

impl JsonObject {
    /// An empty object.
    pub fn new() -> JsonObject {
        JsonObject::default()
    }

    /// Adds a number field.
    pub fn number(mut self, name: &str, value: f64) -> JsonObject {
        self.fields.push((name.into(), number(value)));
        self
    }

    /// Adds a whole-number field.
    pub fn integer(mut self, name: &str, value: u64) -> JsonObject {
        self.fields.push((name.into(), value.to_string()));
        self
    }

    /// Adds a boolean field.
    pub fn boolean(mut self, name: &str, value: bool) -> JsonObject {
        self.fields.push((name.into(), value.to_string()));
        self
    }

    /// Adds a string field.
    pub fn string(mut self, name: &str, value: &str) -> JsonObject {
        self.fields.push((name.into(), string(value)));
        self
    }

    /// Adds an array of numbers.
    pub fn numbers(mut self, name: &str, values: &[f64]) -> JsonObject {
        let items: Vec<String> = values.iter().map(|&v| number(v)).collect();
        self.fields
            .push((name.into(), format!("[{}]", items.join(","))));
        self
    }

    /// Adds every field of `other`, after this object's own.
    pub fn extend(mut self, other: JsonObject) -> JsonObject {
        self.fields.extend(other.fields);
        self
    }

    /// Adds a nested object.
    pub fn object(mut self, name: &str, value: JsonObject) -> JsonObject {
        self.fields.push((name.into(), value.to_string()));
        self
    }
}

impl std::fmt::Display for JsonObject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_char('{')?;
        for (i, (name, value)) in self.fields.iter().enumerate() {
            if i > 0 {
                f.write_char(',')?;
            }
            write!(f, "{}:{value}", string(name))?;
        }
        f.write_char('}')
    }
}

fn number(v: f64) -> String {
    if v.is_finite() {
        format!("{v}")
    } else {
        "null".into()
    }
}

fn string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_fields_in_order_with_escapes_and_null_for_nan() {
        let j = JsonObject::new()
            .number("accuracy", 0.975)
            .integer("seed", 3)
            .boolean("ok", true)
            .string("name", "a \"b\"\n")
            .numbers("loss", &[1.5, f64::NAN])
            .object("config", JsonObject::new().number("rate", 0.5))
            .extend(JsonObject::new().integer("more", 1));
        assert_eq!(
            j.to_string(),
            r#"{"accuracy":0.975,"seed":3,"ok":true,"name":"a \"b\"\n","loss":[1.5,null],"config":{"rate":0.5},"more":1}"#
        );
    }
}
