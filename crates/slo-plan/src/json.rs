//! JSON for the plan: a small reader and writer, written for this one format.
//!
//! The plan's JSON was first read and written by serde and serde_json; their generic
//! code was an eighth of the download (about 68 KB of wasm before compression). This
//! module does the same job for the few shapes a plan has: objects whose unknown or
//! repeated fields are refused, externally tagged enums (`"calendar_month"` or
//! `{"rolling": {"days": 30}}`), strings, booleans, whole numbers and floats.
//!
//! Numbers are kept as their text until a field asks for them, and floats are parsed by
//! the standard library, which rounds correctly: a plan opens to the same binary64
//! values that were saved, to the last bit. Floats are written in the shortest form
//! that reads back to the same value.

use std::fmt::Write as _;

/// The deepest nesting accepted (a plan nests four levels).
const MAX_DEPTH: usize = 32;

/// A parsed JSON value. Numbers keep their text.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as written.
    Num(String),
    /// A string.
    Str(String),
    /// An array.
    Arr(Vec<Json>),
    /// An object's fields in order.
    Obj(Vec<(String, Json)>),
}

impl Json {
    fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Num(_) => "a number",
            Json::Str(_) => "a string",
            Json::Arr(_) => "an array",
            Json::Obj(_) => "an object",
        }
    }
}

/// Reads a whole JSON text.
///
/// # Errors
/// What is wrong and at which byte.
pub fn parse(text: &str) -> Result<Json, String> {
    let mut p = Parser {
        bytes: text.as_bytes(),
        at: 0,
    };
    let value = p.value(0)?;
    p.space();
    if p.at < p.bytes.len() {
        return Err(p.error("nothing more"));
    }
    Ok(value)
}

struct Parser<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Parser<'_> {
    fn error(&self, expected: &str) -> String {
        if self.at >= self.bytes.len() {
            format!("the text ends where {expected} was expected")
        } else {
            format!("expected {expected} at byte {}", self.at + 1)
        }
    }

    fn space(&mut self) {
        while matches!(self.bytes.get(self.at), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        self.space();
        let found = self.bytes.get(self.at) == Some(&byte);
        self.at += usize::from(found);
        found
    }

    fn word(&mut self, word: &str, value: Json) -> Result<Json, String> {
        if self.bytes[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.error("a value"))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, String> {
        if depth > MAX_DEPTH {
            return Err(format!("nesting deeper than {MAX_DEPTH} levels"));
        }
        self.space();
        match self.bytes.get(self.at) {
            Some(b'{') => {
                self.at += 1;
                let mut fields = Vec::new();
                if !self.eat(b'}') {
                    loop {
                        self.space();
                        let key = self.string()?;
                        if !self.eat(b':') {
                            return Err(self.error("':'"));
                        }
                        fields.push((key, self.value(depth + 1)?));
                        if self.eat(b'}') {
                            break;
                        }
                        if !self.eat(b',') {
                            return Err(self.error("',' or '}'"));
                        }
                    }
                }
                Ok(Json::Obj(fields))
            }
            Some(b'[') => {
                self.at += 1;
                let mut items = Vec::new();
                if !self.eat(b']') {
                    loop {
                        items.push(self.value(depth + 1)?);
                        if self.eat(b']') {
                            break;
                        }
                        if !self.eat(b',') {
                            return Err(self.error("',' or ']'"));
                        }
                    }
                }
                Ok(Json::Arr(items))
            }
            Some(b'"') => self.string().map(Json::Str),
            Some(b't') => self.word("true", Json::Bool(true)),
            Some(b'f') => self.word("false", Json::Bool(false)),
            Some(b'n') => self.word("null", Json::Null),
            _ => self.number(),
        }
    }

    /// A number in JSON's grammar: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    fn number(&mut self) -> Result<Json, String> {
        let start = self.at;
        let digits = |p: &mut Self| {
            let from = p.at;
            while p.bytes.get(p.at).is_some_and(u8::is_ascii_digit) {
                p.at += 1;
            }
            p.at - from
        };
        self.at += usize::from(self.bytes.get(self.at) == Some(&b'-'));
        let int_start = self.at;
        let int = digits(self);
        if int == 0 || (int > 1 && self.bytes[int_start] == b'0') {
            self.at = start;
            return Err(self.error("a value"));
        }
        if self.bytes.get(self.at) == Some(&b'.') {
            self.at += 1;
            if digits(self) == 0 {
                return Err(self.error("a digit"));
            }
        }
        if matches!(self.bytes.get(self.at), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.bytes.get(self.at), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if digits(self) == 0 {
                return Err(self.error("a digit"));
            }
        }
        // The bytes are ASCII, so this cannot fail.
        let text = std::str::from_utf8(&self.bytes[start..self.at]).unwrap_or_default();
        Ok(Json::Num(text.to_owned()))
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let digits = self
            .bytes
            .get(self.at..self.at + 4)
            .ok_or_else(|| self.error("four hex digits"))?;
        let text = std::str::from_utf8(digits).map_err(|_| self.error("four hex digits"))?;
        let value = u32::from_str_radix(text, 16).map_err(|_| self.error("four hex digits"))?;
        self.at += 4;
        Ok(value)
    }

    fn string(&mut self) -> Result<String, String> {
        if self.bytes.get(self.at) != Some(&b'"') {
            return Err(self.error("'\"'"));
        }
        self.at += 1;
        let mut out = Vec::new();
        loop {
            let Some(&byte) = self.bytes.get(self.at) else {
                return Err(self.error("'\"'"));
            };
            self.at += 1;
            match byte {
                b'"' => break,
                b'\\' => {
                    let escape = self.bytes.get(self.at).copied();
                    self.at += 1;
                    let c = match escape {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            let mut code = self.hex4()?;
                            if (0xD800..0xDC00).contains(&code) && self.bytes[self.at..].starts_with(b"\\u") {
                                self.at += 2;
                                let low = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&low) {
                                    return Err(self.error("a low surrogate"));
                                }
                                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                            }
                            char::from_u32(code)
                                .ok_or_else(|| self.error("a character, not a lone surrogate"))?
                        }
                        _ => {
                            self.at -= 1;
                            return Err(self.error("an escape"));
                        }
                    };
                    let mut buffer = [0; 4];
                    out.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
                }
                0..0x20 => {
                    self.at -= 1;
                    return Err(self.error("an escaped control character"));
                }
                _ => out.push(byte),
            }
        }
        // The input is a `str` and escapes add whole characters, so this is UTF-8.
        String::from_utf8(out).map_err(|_| self.error("UTF-8"))
    }
}

/// A value a plan is read into.
pub trait Read: Sized {
    /// Reads it from `value`.
    ///
    /// # Errors
    /// What was expected and what was found.
    fn read(value: &Json) -> Result<Self, String>;
}

fn expected<T>(what: &str, found: &Json) -> Result<T, String> {
    Err(format!("expected {what}, found {}", found.kind()))
}

impl Read for f64 {
    #[inline(never)]
    fn read(value: &Json) -> Result<Self, String> {
        match value {
            Json::Num(text) => match slo_engine::decimal::parse(text) {
                Some(v) if v.is_finite() => Ok(v),
                _ => Err(format!("{text} is not a finite number")),
            },
            other => expected("a number", other),
        }
    }
}

impl Read for u32 {
    #[inline(never)]
    fn read(value: &Json) -> Result<Self, String> {
        match value {
            Json::Num(text) => text
                .parse::<u32>()
                .map_err(|_| format!("{text} is not a whole number from 0 to {}", u32::MAX)),
            other => expected("a whole number", other),
        }
    }
}

impl Read for bool {
    fn read(value: &Json) -> Result<Self, String> {
        match value {
            Json::Bool(b) => Ok(*b),
            other => expected("true or false", other),
        }
    }
}

impl Read for String {
    #[inline(never)]
    fn read(value: &Json) -> Result<Self, String> {
        match value {
            Json::Str(s) => Ok(s.clone()),
            other => expected("a string", other),
        }
    }
}

impl<T: Read> Read for Vec<T> {
    fn read(value: &Json) -> Result<Self, String> {
        match value {
            Json::Arr(items) => items
                .iter()
                .enumerate()
                .map(|(i, item)| T::read(item).map_err(|e| within(&format!("item {}", i + 1), e)))
                .collect(),
            other => expected("an array", other),
        }
    }
}

/// The fields of an object being read into a struct: unknown and repeated fields are
/// refused, and errors name the field.
pub struct Fields<'a>(&'a [(String, Json)]);

impl<'a> Fields<'a> {
    /// The fields of `value`, which must be an object with no field outside `known`
    /// and none twice.
    ///
    /// # Errors
    /// When it is not an object or has an unknown or repeated field.
    pub fn of(value: &'a Json, known: &[&str]) -> Result<Self, String> {
        let Json::Obj(fields) = value else {
            return expected("an object", value);
        };
        for (i, (name, _)) in fields.iter().enumerate() {
            if !known.contains(&name.as_str()) {
                return Err(format!(
                    "unknown field `{name}`, expected one of `{}`",
                    known.join("`, `")
                ));
            }
            if fields[..i].iter().any(|(n, _)| n == name) {
                return Err(format!("duplicate field `{name}`"));
            }
        }
        Fields::open(value)
    }

    /// The fields of `value`, which must be an object; fields other than those read
    /// are ignored (a document's envelope may carry more than this build knows).
    ///
    /// # Errors
    /// When it is not an object.
    pub fn open(value: &'a Json) -> Result<Self, String> {
        match value {
            Json::Obj(fields) => Ok(Fields(fields)),
            other => expected("an object", other),
        }
    }

    fn find(&self, name: &str) -> Option<&'a Json> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    /// The field `name`, which must be present.
    ///
    /// # Errors
    /// When it is missing or unreadable.
    pub fn get<T: Read>(&self, name: &str) -> Result<T, String> {
        T::read(self.required(name)?).map_err(|e| within(name, e))
    }

    // The generic readers above and below stay small: the work that does not depend on
    // the type is done once, here and in `within`, not once per type.
    #[inline(never)]
    fn required(&self, name: &str) -> Result<&'a Json, String> {
        self.find(name).ok_or_else(|| format!("missing field `{name}`"))
    }

    /// The field `name`, or `T`'s default when it is missing.
    ///
    /// # Errors
    /// When it is present but unreadable.
    pub fn get_or_default<T: Read + Default>(&self, name: &str) -> Result<T, String> {
        match self.find(name) {
            Some(value) => T::read(value).map_err(|e| within(name, e)),
            None => Ok(T::default()),
        }
    }
}

/// An error inside the field or variant `name`, prefixed with its name.
#[inline(never)]
fn within(name: &str, error: String) -> String {
    format!("{name}: {error}")
}

/// An externally tagged enum's variant: a name alone (`"time_based"`), or an object
/// of one field, the name, holding the variant's content.
///
/// # Errors
/// When `value` is neither.
pub fn variant(value: &Json) -> Result<(&str, Option<&Json>), String> {
    match value {
        Json::Str(name) => Ok((name, None)),
        Json::Obj(fields) if fields.len() == 1 => Ok((&fields[0].0, Some(&fields[0].1))),
        other => expected("a variant name or an object of one field", other),
    }
}

/// The error for a variant that is not one of `names`.
pub fn unknown_variant<T>(name: &str, names: &[&str]) -> Result<T, String> {
    Err(format!(
        "unknown variant `{name}`, expected one of `{}`",
        names.join("`, `")
    ))
}

/// The content of a variant that must have some.
///
/// # Errors
/// When the variant came without content, or it is unreadable.
pub fn content<T: Read>(name: &str, content: Option<&Json>) -> Result<T, String> {
    let value = content.ok_or_else(|| format!("variant `{name}` needs a value"))?;
    T::read(value).map_err(|e| within(name, e))
}

/// A value a plan is written from.
pub trait Write {
    /// Appends its JSON to `out`.
    fn write(&self, out: &mut String);
}

impl Write for f64 {
    /// The shortest digits that read back to the same value, without an exponent
    /// (extreme values are long, but a plan's numbers are few and compress well);
    /// `null` for values JSON cannot hold (a valid plan has none).
    fn write(&self, out: &mut String) {
        if self.is_finite() {
            out.push_str(&slo_engine::decimal::shortest(*self));
        } else {
            out.push_str("null");
        }
    }
}

impl Write for u32 {
    fn write(&self, out: &mut String) {
        let _ = write!(out, "{self}");
    }
}

impl Write for bool {
    fn write(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

impl Write for str {
    fn write(&self, out: &mut String) {
        out.push('"');
        for c in self.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                c if c < ' ' => {
                    let _ = write!(out, "\\u{:04x}", u32::from(c));
                }
                c => out.push(c),
            }
        }
        out.push('"');
    }
}

impl Write for String {
    fn write(&self, out: &mut String) {
        self.as_str().write(out);
    }
}

impl<T: Write> Write for Vec<T> {
    fn write(&self, out: &mut String) {
        out.push('[');
        for (i, item) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            item.write(out);
        }
        out.push(']');
    }
}

/// Appends `"name":` to an object being written (with the comma before it when it is
/// not the first field).
pub fn key(out: &mut String, name: &str) {
    if !out.ends_with(['{', '[']) {
        out.push(',');
    }
    name.write(out);
    out.push(':');
}

/// Writes an object of the given fields.
macro_rules! write_object {
    ($out:expr, $self:expr, [$($field:ident),+ $(,)?]) => {{
        $out.push('{');
        $(
            $crate::json::key($out, stringify!($field));
            $crate::json::Write::write(&$self.$field, $out);
        )+
        $out.push('}');
    }};
}
pub(crate) use write_object;

/// Reads an object into a struct of the given fields, all required.
macro_rules! read_object {
    ($value:expr, $type:ident { $($field:ident),+ $(,)? }) => {{
        let fields = $crate::json::Fields::of($value, &[$(stringify!($field)),+])?;
        Ok($type { $($field: fields.get(stringify!($field))?,)+ })
    }};
}
pub(crate) use read_object;

/// Implements [`Read`] and [`Write`] for a struct as an object of the given fields, in
/// that order, all required.
macro_rules! object {
    ($type:ident { $($field:ident),+ $(,)? }) => {
        impl $crate::json::Write for $type {
            fn write(&self, out: &mut String) {
                $crate::json::write_object!(out, self, [$($field),+]);
            }
        }

        impl $crate::json::Read for $type {
            fn read(value: &$crate::json::Json) -> Result<Self, String> {
                $crate::json::read_object!(value, $type { $($field),+ })
            }
        }
    };
}
pub(crate) use object;

/// A data-less variant written as its name, or a variant with content as an object of
/// one field.
pub fn write_variant(out: &mut String, name: &str, content: Option<&dyn Write>) {
    match content {
        None => name.write(out),
        Some(value) => {
            out.push('{');
            key(out, name);
            value.write(out);
            out.push('}');
        }
    }
}

/// Implements [`Read`] and [`Write`] for a data-less enum as its names.
macro_rules! named_enum {
    ($type:ty, [$($variant:path => $name:literal),+ $(,)?]) => {
        impl $crate::json::Write for $type {
            fn write(&self, out: &mut String) {
                $crate::json::Write::write(match self {
                    $($variant => $name,)+
                }, out)
            }
        }

        impl $crate::json::Read for $type {
            fn read(value: &$crate::json::Json) -> Result<Self, String> {
                const NAMES: &[&str] = &[$($name),+];
                const VARIANTS: &[$type] = &[$($variant),+];
                let name = String::read(value)?;
                match NAMES.iter().position(|n| *n == name) {
                    Some(i) => Ok(VARIANTS[i]),
                    None => $crate::json::unknown_variant(&name, NAMES),
                }
            }
        }
    };
}
pub(crate) use named_enum;

/// `T`'s JSON text.
pub fn to_string<T: Write + ?Sized>(value: &T) -> String {
    let mut out = String::new();
    value.write(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip() {
        let text = r#"{"a":[1,-2.5e-3,0],"b":"x\"\\\n\u00e9\ud83d\ude00","c":true,"d":null,"e":{}}"#;
        let value = parse(text).unwrap();
        let Json::Obj(fields) = &value else { panic!() };
        assert_eq!(fields[1].1, Json::Str("x\"\\\né😀".to_owned()));
        assert_eq!(
            fields[0].1,
            Json::Arr(vec![
                Json::Num("1".into()),
                Json::Num("-2.5e-3".into()),
                Json::Num("0".into())
            ])
        );
        assert_eq!(to_string("x\"\\\né😀\u{1}"), r#""x\"\\\né😀\u0001""#);
    }

    #[test]
    fn bad_json_is_refused_with_its_place() {
        for (text, message) in [
            ("", "the text ends where a value was expected"),
            ("{\"a\":1,}", "expected '\"' at byte 8"),
            ("[1 2]", "expected ',' or ']' at byte 4"),
            ("01", "expected a value at byte 1"),
            ("1.", "the text ends where a digit was expected"),
            (
                "\"\\ud800\"",
                "expected a character, not a lone surrogate at byte 8",
            ),
            ("\"a\nb\"", "expected an escaped control character at byte 3"),
            ("{} x", "expected nothing more at byte 4"),
            ("tru", "expected a value at byte 1"),
        ] {
            assert_eq!(parse(text), Err(message.to_owned()), "{text:?}");
        }
        assert!(parse(&"[".repeat(100)).unwrap_err().contains("nesting"));
    }

    #[test]
    fn floats_read_exactly_and_write_shortest() {
        for v in [
            0.1,
            99.9,
            1e-7,
            123_456.789,
            2.5e300,
            5e-324,
            -0.0,
            1e16,
            99.999_999_999_999_99,
        ] {
            let text = to_string(&v);
            assert_eq!(
                f64::read(&parse(&text).unwrap()).unwrap().to_bits(),
                v.to_bits(),
                "{text}"
            );
        }
        assert_eq!(to_string(&100.0), "100");
        assert_eq!(to_string(&1e-7), "0.0000001");
        assert_eq!(to_string(&f64::NAN), "null");
        assert!(f64::read(&parse("1e400").unwrap()).is_err());
        assert_eq!(
            u32::read(&parse("4294967296").unwrap()).unwrap_err(),
            "4294967296 is not a whole number from 0 to 4294967295"
        );
    }

    #[test]
    fn names_round_trip_and_strangers_are_named() {
        use crate::TrafficUnit;
        let read = |text: &str| TrafficUnit::read(&parse(text).unwrap());
        assert_eq!(to_string(&TrafficUnit::PerDay), "\"per_day\"");
        assert_eq!(read("\"per_second\""), Ok(TrafficUnit::PerSecond));
        assert_eq!(
            read("\"per_week\"").unwrap_err(),
            "unknown variant `per_week`, expected one of `per_second`, `per_day`"
        );
        assert!(read("3").is_err());
    }

    #[test]
    fn unknown_and_repeated_fields_are_refused() {
        let v = parse(r#"{"a":1,"b":2}"#).unwrap();
        assert_eq!(
            Fields::of(&v, &["a"]).err().unwrap(),
            "unknown field `b`, expected one of `a`"
        );
        let v = parse(r#"{"a":1,"a":2}"#).unwrap();
        assert_eq!(Fields::of(&v, &["a"]).err().unwrap(), "duplicate field `a`");
        let f = Fields::of(&v, &["a", "c"]).err();
        assert!(f.is_some());
        let v = parse(r#"{"a":"x"}"#).unwrap();
        let f = Fields::of(&v, &["a", "c"]).unwrap();
        assert_eq!(
            f.get::<f64>("a"),
            Err("a: expected a number, found a string".to_owned())
        );
        assert_eq!(f.get::<f64>("c"), Err("missing field `c`".to_owned()));
        assert_eq!(f.get_or_default::<u32>("c"), Ok(0));
    }
}
