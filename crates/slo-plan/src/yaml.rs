//! A reader of block YAML, the part of YAML that OpenSLO documents use: mappings,
//! sequences (`- `), comments, plain and quoted scalars, empty `[]` and `{}`, and
//! several documents separated by `---`. Other flow collections, anchors and block
//! scalars (`|`, `>`) are refused with the line they are on.

/// A YAML value.
#[derive(Debug, Clone, PartialEq)]
pub enum Yaml {
    /// A scalar, as written (quotes removed).
    Scalar(String),
    /// A sequence.
    Seq(Vec<Yaml>),
    /// A mapping, in order.
    Map(Vec<(String, Yaml)>),
    /// A key with nothing after it.
    Null,
}

impl Yaml {
    /// The value at `key` of a mapping.
    pub fn get(&self, key: &str) -> Option<&Yaml> {
        match self {
            Yaml::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The scalar's text.
    pub fn text(&self) -> Option<&str> {
        match self {
            Yaml::Scalar(s) => Some(s),
            _ => None,
        }
    }
}

/// One significant line: its number (from 1), indentation and content.
struct Line<'a> {
    number: usize,
    indent: usize,
    text: &'a str,
}

/// The text before a comment (a `#` at the start or after a space, outside quotes).
fn uncommented(line: &str) -> &str {
    let (mut quote, mut previous) = (None, ' ');
    for (i, c) in line.char_indices() {
        match (quote, c) {
            // An escaped character inside double quotes: `\"` does not end them.
            (Some('"'), _) if previous == '\\' => {
                previous = ' ';
                continue;
            }
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '#') if previous == ' ' || i == 0 => return line[..i].trim_end(),
            _ => {}
        }
        previous = c;
    }
    line.trim_end()
}

/// The deepest indentation read, in spaces.
const MAX_INDENT: usize = 120;

/// Reads every document of `text` (at most `MAX_DOCUMENT_BYTES`, as a plan file).
///
/// # Errors
/// The line of the first thing it cannot read, and why.
pub fn documents(text: &str) -> Result<Vec<Yaml>, String> {
    if text.len() > super::document::MAX_DOCUMENT_BYTES {
        return Err(format!(
            "the text is {} bytes; at most {} are read",
            text.len(),
            super::document::MAX_DOCUMENT_BYTES
        ));
    }
    let mut docs = Vec::new();
    let mut current = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let content = uncommented(raw);
        if content == "---" || content.starts_with("--- ") {
            docs.push(std::mem::take(&mut current));
            continue;
        }
        if content.trim().is_empty() {
            continue;
        }
        if raw.starts_with('\t') {
            return Err(format!("line {}: indentation is spaces, not tabs", i + 1));
        }
        let indent = content.len() - content.trim_start().len();
        // Each level of nesting is indented further, so this also bounds the reader's
        // recursion.
        if indent > MAX_INDENT {
            return Err(format!(
                "line {}: indented by more than {MAX_INDENT} spaces",
                i + 1
            ));
        }
        current.push(Line {
            number: i + 1,
            indent,
            text: content.trim_start(),
        });
    }
    docs.push(current);
    docs.into_iter()
        .filter(|lines| !lines.is_empty())
        .map(|lines| {
            let mut at = 0;
            let value = block(&lines, &mut at, lines[0].indent)?;
            match lines.get(at) {
                Some(extra) => Err(format!(
                    "line {}: this line is not where it belongs",
                    extra.number
                )),
                None => Ok(value),
            }
        })
        .collect()
}

/// The block starting at `lines[*at]`, whose lines are indented by `indent`.
fn block(lines: &[Line], at: &mut usize, indent: usize) -> Result<Yaml, String> {
    let first = &lines[*at];
    if first.text == "-" || first.text.starts_with("- ") {
        sequence(lines, at, indent)
    } else {
        mapping(lines, at, indent, None)
    }
}

fn sequence(lines: &[Line], at: &mut usize, indent: usize) -> Result<Yaml, String> {
    let mut items = Vec::new();
    while let Some(line) = lines.get(*at) {
        if line.indent != indent || !(line.text == "-" || line.text.starts_with("- ")) {
            break;
        }
        let rest = line.text[1..].trim_start();
        if rest.is_empty() {
            *at += 1;
            items.push(nested(lines, at, indent)?);
        } else if key_value(rest).is_some() {
            // A mapping whose first entry shares the dash's line.
            let column = indent + (line.text.len() - rest.len());
            items.push(mapping(lines, at, column, Some(rest))?);
        } else {
            items.push(scalar(rest, line.number)?);
            *at += 1;
        }
    }
    Ok(Yaml::Seq(items))
}

/// A mapping at `indent`; `first` is its first entry's text when that shares a line
/// with a sequence's dash.
fn mapping(lines: &[Line], at: &mut usize, indent: usize, mut first: Option<&str>) -> Result<Yaml, String> {
    let mut entries: Vec<(String, Yaml)> = Vec::new();
    while let Some(line) = lines.get(*at) {
        let text = match first.take() {
            Some(text) => text,
            None if line.indent == indent => line.text,
            None => break,
        };
        let Some((key, value)) = key_value(text) else {
            return Err(format!("line {}: expected `key: value`", line.number));
        };
        if entries.iter().any(|(k, _)| *k == key) {
            return Err(format!("line {}: `{key}` appears twice", line.number));
        }
        *at += 1;
        let value = if value.is_empty() {
            match lines.get(*at) {
                // A sequence may sit at its key's own indentation.
                Some(next) if next.indent == indent && (next.text == "-" || next.text.starts_with("- ")) => {
                    sequence(lines, at, indent)?
                }
                _ => nested(lines, at, indent)?,
            }
        } else {
            scalar(value, line.number)?
        };
        entries.push((key, value));
    }
    Ok(Yaml::Map(entries))
}

/// The block under a line indented by `indent`, or null when there is none.
fn nested(lines: &[Line], at: &mut usize, indent: usize) -> Result<Yaml, String> {
    match lines.get(*at) {
        Some(next) if next.indent > indent => block(lines, at, next.indent),
        _ => Ok(Yaml::Null),
    }
}

/// `key: value` split at the first `: ` (or a final `:`), outside quotes.
fn key_value(text: &str) -> Option<(String, &str)> {
    let end = if text.starts_with('"') || text.starts_with('\'') {
        text[1..].find(text.as_bytes()[0] as char)? + 2
    } else {
        0
    };
    let colon = text[end..]
        .find(": ")
        .map(|i| i + end)
        .or_else(|| text.ends_with(':').then(|| text.len() - 1))?;
    let key = text[..colon].trim();
    let key = key.trim_matches(|c| c == '"' || c == '\'');
    Some((key.to_owned(), text[colon + 1..].trim()))
}

fn scalar(text: &str, number: usize) -> Result<Yaml, String> {
    let refused = |what: &str| Err(format!("line {number}: {what} are not read here"));
    match text {
        "[]" => return Ok(Yaml::Seq(Vec::new())),
        "{}" => return Ok(Yaml::Map(Vec::new())),
        _ => {}
    }
    match text.as_bytes()[0] {
        b'{' | b'[' => refused("flow collections"),
        b'&' | b'*' => refused("anchors and aliases"),
        b'|' | b'>' => refused("block scalars"),
        q @ (b'"' | b'\'') if text.len() >= 2 && text.ends_with(q as char) => {
            unquote(&text[1..text.len() - 1], q == b'"')
                .map(Yaml::Scalar)
                .ok_or_else(|| format!("line {number}: this quoted text has an escape that is not read here (\\\\, \\\", \\n, \\t and '' are)"))
        }
        _ => Ok(Yaml::Scalar(text.to_owned())),
    }
}

/// The text inside quotes: `\\`, `\"`, `\n`, `\t` and `\/` in double quotes, `''` in
/// single quotes; `None` for any other escape.
fn unquote(inner: &str, double: bool) -> Option<String> {
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match (c, double) {
            ('\\', true) => out.push(match chars.next()? {
                'n' => '\n',
                't' => '\t',
                c @ ('"' | '\\' | '/') => c,
                _ => return None,
            }),
            ('\'', false) => {
                chars.next().filter(|&n| n == '\'')?;
                out.push('\'');
            }
            (c, _) => out.push(c),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_scalars_are_unescaped() {
        let docs = documents("a: \"x{j=\\\"b\\\"} # not a comment\" # a comment\nb: 'it''s'\n").unwrap();
        assert_eq!(
            docs[0].get("a").and_then(Yaml::text),
            Some("x{j=\"b\"} # not a comment")
        );
        assert_eq!(docs[0].get("b").and_then(Yaml::text), Some("it's"));
        let error = documents("a: 1\nb: \"\\u00e9\"\n").unwrap_err();
        assert!(error.starts_with("line 2:"), "{error}");
    }

    #[test]
    fn nested_mappings_sequences_and_comments() {
        let text = "apiVersion: openslo/v1 # a comment\nkind: SLO\nspec:\n  timeWindow:\n    - duration: 28d\n      isRolling: true\n  tags:\n  - a\n  - \"b c\"\n  empty:\n---\nkind: Service\n";
        let docs = documents(text).unwrap();
        assert_eq!(docs.len(), 2);
        let spec = docs[0].get("spec").unwrap();
        let window = &spec.get("timeWindow").unwrap();
        let Yaml::Seq(items) = window else { panic!() };
        assert_eq!(items[0].get("duration").unwrap().text(), Some("28d"));
        assert_eq!(items[0].get("isRolling").unwrap().text(), Some("true"));
        assert_eq!(
            spec.get("tags"),
            Some(&Yaml::Seq(vec![
                Yaml::Scalar("a".into()),
                Yaml::Scalar("b c".into())
            ]))
        );
        assert_eq!(spec.get("empty"), Some(&Yaml::Null));
        assert_eq!(docs[0].get("apiVersion").unwrap().text(), Some("openslo/v1"));
        assert_eq!(docs[1].get("kind").unwrap().text(), Some("Service"));
    }

    #[test]
    fn what_is_not_read_is_named_with_its_line() {
        assert_eq!(
            documents("a: {b: 1}").unwrap_err(),
            "line 1: flow collections are not read here"
        );
        assert_eq!(documents("a: 1\na: 2").unwrap_err(), "line 2: `a` appears twice");
        assert!(documents("a: 1\n  b: 2").unwrap_err().starts_with("line 2"));
        assert!(documents("a:\n\tb: 1").is_err());
    }

    #[test]
    fn every_official_openslo_example_reads() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/openslo/examples");
        let mut read = 0;
        let mut stack = vec![dir];
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(&d).expect("the shared OpenSLO examples") {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                    let docs = documents(&std::fs::read_to_string(&path).unwrap())
                        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                    assert!(docs
                        .iter()
                        .all(|d| d.get("apiVersion").and_then(Yaml::text) == Some("openslo/v1")));
                    read += 1;
                }
            }
        }
        assert_eq!(read, 4);
    }
}
