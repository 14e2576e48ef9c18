//! YAML for the OpenSLO import: any YAML a person pastes — block and flow collections,
//! quoted and block scalars, anchors and aliases, comments, several documents — read by
//! serde-saphyr into a tree the import walks.
//!
//! Scalars are kept as text (`0.99`, `true`, `28d`) for the import to read as it needs;
//! serde-saphyr resolves them first, so a number is written back in its shortest form.

use serde_json::Value;

/// A YAML value.
#[derive(Debug, Clone, PartialEq)]
pub enum Yaml {
    /// A scalar, as text (quotes removed, escapes and aliases resolved).
    Scalar(String),
    /// A sequence.
    Seq(Vec<Yaml>),
    /// A mapping.
    Map(Vec<(String, Yaml)>),
    /// A null, or a key with nothing after it.
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

impl From<Value> for Yaml {
    fn from(value: Value) -> Self {
        match value {
            Value::Null => Yaml::Null,
            Value::Bool(b) => Yaml::Scalar(b.to_string()),
            Value::Number(n) => Yaml::Scalar(n.to_string()),
            Value::String(s) => Yaml::Scalar(s),
            Value::Array(items) => Yaml::Seq(items.into_iter().map(Yaml::from).collect()),
            Value::Object(map) => Yaml::Map(map.into_iter().map(|(k, v)| (k, Yaml::from(v))).collect()),
        }
    }
}

/// Reads every document of `text` (at most `MAX_DOCUMENT_BYTES`, as a plan file).
///
/// # Errors
/// Where the text stops being YAML (line and column), and why.
pub fn documents(text: &str) -> Result<Vec<Yaml>, String> {
    if text.len() > super::document::MAX_DOCUMENT_BYTES {
        return Err(format!(
            "the text is {} bytes; at most {} are read",
            text.len(),
            super::document::MAX_DOCUMENT_BYTES
        ));
    }
    let values: Vec<Value> = serde_saphyr::from_multiple(text).map_err(|e| e.to_string())?;
    Ok(values.into_iter().map(Yaml::from).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_scalars_are_unescaped() {
        let docs =
            documents("a: \"x{j=\\\"b\\\"} # not a comment\" # a comment\nb: 'it''s'\nc: \"\\u00e9\"\n")
                .unwrap();
        assert_eq!(
            docs[0].get("a").and_then(Yaml::text),
            Some("x{j=\"b\"} # not a comment")
        );
        assert_eq!(docs[0].get("b").and_then(Yaml::text), Some("it's"));
        assert_eq!(docs[0].get("c").and_then(Yaml::text), Some("é"));
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
    fn flow_collections_anchors_and_block_scalars_read() {
        let text = "window: &w {duration: 28d, isRolling: true}\nagain: *w\nlist: [a, 'b', 0.99]\nnote: |\n  two\n  lines\n";
        let doc = &documents(text).unwrap()[0];
        assert_eq!(
            doc.get("window")
                .and_then(|w| w.get("duration"))
                .and_then(Yaml::text),
            Some("28d")
        );
        assert_eq!(doc.get("again"), doc.get("window"));
        assert_eq!(
            doc.get("list"),
            Some(&Yaml::Seq(vec![
                Yaml::Scalar("a".into()),
                Yaml::Scalar("b".into()),
                Yaml::Scalar("0.99".into())
            ]))
        );
        assert_eq!(doc.get("note").and_then(Yaml::text), Some("two\nlines\n"));
    }

    #[test]
    fn broken_yaml_is_refused_with_its_place() {
        let error = documents("a: 1\nb: [unclosed\n").unwrap_err();
        assert!(error.contains("line"), "{error}");
        assert!(documents("a:\n\tb: 1").is_err());
        assert!(documents(&"x".repeat(super::super::document::MAX_DOCUMENT_BYTES + 1)).is_err());
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
