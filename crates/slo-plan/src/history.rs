//! Observed history, pasted or dropped by the user: what Prometheus's HTTP API returns
//! for a range query (`/api/v1/query_range`, a matrix), the CSV Grafana's "Inspect →
//! Data → Download CSV" writes, or plain CSV columns (time, then one column per series).
//! Each is read into named series of samples, (Unix seconds, value) in time order; what
//! the values count (a ratio, counters, rates) is said by the user and read by
//! [`slo_engine::observed`].
//!
//! Conventions: times without an offset are read at the UTC offset the user gives
//! (Grafana writes the browser's local time, without its zone); numbers are Unix
//! seconds, or milliseconds when they have 13 digits. A missing value (an empty CSV
//! cell, Prometheus's `NaN`) is a gap, never a zero.

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

/// The largest text read, bytes: 90 days of one-minute samples (129,600) of a few
/// series fits with room; a larger file is refused before it is read.
pub const MAX_BYTES: usize = 32 * 1024 * 1024;

/// The most samples a series may have: 90 days at one minute (129,600), with room.
pub const MAX_SAMPLES: usize = 200_000;

/// The most series a file may hold.
pub const MAX_SERIES: usize = 64;

/// The forms of history the planner reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Prometheus's `query_range` JSON: a matrix of series.
    Prometheus,
    /// Grafana's CSV download: a `Time` column, then a column per series.
    Grafana,
    /// Plain CSV: a time column, then a column per series.
    Plain,
}

impl Form {
    /// The form's name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Form::Prometheus => "Prometheus range-query JSON",
            Form::Grafana => "Grafana CSV",
            Form::Plain => "CSV",
        }
    }
}

/// One series as read.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Its name: the metric and labels (`errors{code="500"}`) or the column's header.
    pub name: String,
    /// Its samples, (Unix seconds, value), in time order; missing values left out.
    pub samples: Vec<(i64, f64)>,
}

/// What a text held.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The form it was read as.
    pub form: Form,
    /// Its series, in the file's order.
    pub series: Vec<Series>,
}

impl Imported {
    /// How many samples all its series hold.
    pub fn samples(&self) -> usize {
        self.series.iter().map(|s| s.samples.len()).sum()
    }
}

/// Why a text could not be read, said so a user can fix it.
#[derive(Debug, Clone, PartialEq)]
pub enum HistoryError {
    /// Nothing to read.
    Empty,
    /// More than [`MAX_BYTES`].
    TooLarge {
        /// Its size, bytes.
        bytes: usize,
    },
    /// A series with more than [`MAX_SAMPLES`] samples.
    TooManySamples {
        /// The series.
        series: String,
        /// Its samples.
        count: usize,
    },
    /// More than [`MAX_SERIES`] series.
    TooManySeries {
        /// How many.
        count: usize,
    },
    /// Not one of the forms: what it looks like, and what is missing.
    NotAForm {
        /// What the text looks like.
        looks_like: &'static str,
        /// What it lacks.
        missing: String,
    },
    /// A Prometheus response that is an error or not a matrix.
    Prometheus(String),
    /// A time that does not read.
    Time {
        /// The line (CSV) or the sample (JSON), from 1.
        at: usize,
        /// The text.
        text: String,
    },
    /// A value that does not read.
    Value {
        /// The line (CSV) or the sample (JSON), from 1.
        at: usize,
        /// Its series.
        series: String,
        /// The text.
        text: String,
    },
    /// Two samples of a series at the same time.
    Repeated {
        /// The series.
        series: String,
        /// The time, Unix seconds.
        at: i64,
    },
}

impl fmt::Display for HistoryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HistoryError::Empty => f.write_str("Nothing to read: paste or drop a Prometheus range-query JSON or a CSV."),
            HistoryError::TooLarge { bytes } => write!(
                f,
                "The file is {} MB; the planner reads up to {} MB (90 days of one-minute samples of several series).",
                bytes / 1_000_000,
                MAX_BYTES / 1_000_000
            ),
            HistoryError::TooManySamples { series, count } => write!(
                f,
                "{series} has {count} samples; the planner reads up to {MAX_SAMPLES} a series (90 days at one minute is 129,600). Query a longer step."
            ),
            HistoryError::TooManySeries { count } => write!(
                f,
                "The file has {count} series; the planner reads up to {MAX_SERIES}. Sum them in the query (sum by (…))."
            ),
            HistoryError::NotAForm { looks_like, missing } => {
                write!(f, "This looks like {looks_like}, but {missing}.")
            }
            HistoryError::Prometheus(why) => f.write_str(why),
            HistoryError::Time { at, text } => write!(
                f,
                "Line {at}: the time \u{201c}{text}\u{201d} does not read. Write an ISO 8601 time (2026-11-01T10:00:00Z, an offset such as +01:00, or none to use the offset chosen), or Unix seconds."
            ),
            HistoryError::Value { at, series, text } => write!(
                f,
                "Line {at}: the value \u{201c}{text}\u{201d} of {series} is not a number."
            ),
            HistoryError::Repeated { series, at } => {
                write!(f, "{series} has two samples at Unix time {at}.")
            }
        }
    }
}

/// Reads `text` as one of the [`Form`]s; times without an offset are read at
/// `utc_offset_minutes` from UTC.
///
/// # Errors
/// A [`HistoryError`] saying what is wrong, and for a text of no known form what it
/// looks like and what it lacks.
pub fn read(text: &str, utc_offset_minutes: i32) -> Result<Imported, HistoryError> {
    if text.len() > MAX_BYTES {
        return Err(HistoryError::TooLarge { bytes: text.len() });
    }
    let trimmed = text.trim_start_matches('\u{feff}').trim();
    if trimmed.is_empty() {
        return Err(HistoryError::Empty);
    }
    let imported = if trimmed.starts_with('{') || trimmed.starts_with('[') {
        prometheus(trimmed)?
    } else {
        csv_text(trimmed, utc_offset_minutes)?
    };
    if imported.series.is_empty() {
        return Err(HistoryError::NotAForm {
            looks_like: imported.form.name(),
            missing: "it holds no series: the query matched nothing over that range".to_owned(),
        });
    }
    if imported.series.iter().all(|s| s.samples.is_empty()) {
        return Err(HistoryError::NotAForm {
            looks_like: imported.form.name(),
            missing: "it holds no samples: a CSV needs rows of a time and values under its header".to_owned(),
        });
    }
    if imported.series.len() > MAX_SERIES {
        return Err(HistoryError::TooManySeries {
            count: imported.series.len(),
        });
    }
    for s in &imported.series {
        if s.samples.len() > MAX_SAMPLES {
            return Err(HistoryError::TooManySamples {
                series: s.name.clone(),
                count: s.samples.len(),
            });
        }
    }
    Ok(imported)
}

/// A history as carried beside a plan, in the browser's storage and in an exported
/// JSON document: what it is called and either the sample of the app it is or its text
/// packed ([`pack`]). Never in a link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stored {
    /// What it is, e.g. "the file api.csv".
    pub name: String,
    /// The sample it is, a file of the app's `samples/` (e.g. `deploy.json`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sample: Option<String>,
    /// Its text, packed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub packed: Option<String>,
    /// The offset from UTC its CSV times without one were read at, minutes.
    #[serde(default)]
    pub utc_offset_minutes: i32,
}

/// `text` compressed (zlib at level 6, base64url): how a history is kept in the
/// browser's storage, about a tenth of its size. Level 6 rather than the links' 10:
/// a month of history packs in a fraction of the time for a few percent more.
pub fn pack(text: &str) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(miniz_oxide::deflate::compress_to_vec_zlib(text.as_bytes(), 6))
}

/// The text [`pack`] kept.
///
/// # Errors
/// When it is not a packed text of at most [`MAX_BYTES`].
pub fn unpack(packed: &str) -> Result<String, HistoryError> {
    use base64::Engine as _;
    let damaged = || HistoryError::NotAForm {
        looks_like: "a kept history",
        missing: "it is damaged; paste the history again".to_owned(),
    };
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(packed)
        .map_err(|_| damaged())?;
    let text =
        miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&bytes, MAX_BYTES).map_err(|_| damaged())?;
    String::from_utf8(text).map_err(|_| damaged())
}

/// A range query's answer, whole (`{"status": …, "data": …}`) or its `data` alone
/// (`{"resultType": …, "result": …}`). One struct for both rather than an untagged
/// enum, which would buffer the whole answer before reading it; the series are kept as
/// text until the result type is known, and their values borrowed from it: a 90-day
/// answer is read once, with one allocation per series rather than per sample.
#[derive(Deserialize)]
struct Answer<'a> {
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    error: Option<String>,
    #[serde(default, borrow)]
    data: Option<Data<'a>>,
    #[serde(default, rename = "resultType")]
    result_type: Option<String>,
    #[serde(default, borrow)]
    result: Option<&'a RawValue>,
}

#[derive(Deserialize)]
struct Data<'a> {
    #[serde(rename = "resultType")]
    result_type: String,
    #[serde(borrow)]
    result: &'a RawValue,
}

#[derive(Deserialize)]
struct MatrixSeries<'a> {
    #[serde(default)]
    metric: BTreeMap<String, String>,
    #[serde(borrow)]
    values: Vec<(f64, Cow<'a, str>)>,
}

/// `errors{code="500",job="api"}`: the metric's name and its labels.
fn series_name(metric: &BTreeMap<String, String>) -> String {
    let name = metric.get("__name__").cloned().unwrap_or_default();
    let labels: Vec<String> = metric
        .iter()
        .filter(|(k, _)| k.as_str() != "__name__")
        .map(|(k, v)| format!("{k}={v:?}"))
        .collect();
    match (name.is_empty(), labels.is_empty()) {
        (true, true) => "the series".to_owned(),
        (_, true) => name,
        _ => format!("{name}{{{}}}", labels.join(",")),
    }
}

fn prometheus(text: &str) -> Result<Imported, HistoryError> {
    let not_prometheus = |why: String| HistoryError::NotAForm {
        looks_like: "JSON",
        missing: format!(
            "not a Prometheus range query's answer ({why}); paste what /api/v1/query_range returns"
        ),
    };
    let answer: Answer = serde_json::from_str(text).map_err(|e| not_prometheus(e.to_string()))?;
    if let Some(status) = answer.status.as_deref().filter(|s| *s != "success") {
        return Err(HistoryError::Prometheus(format!(
            "Prometheus answered {status:?}: {}",
            answer.error.as_deref().unwrap_or("no reason given")
        )));
    }
    let (result_type, result) = match (answer.data, answer.result_type, answer.result) {
        (Some(data), _, _) => (data.result_type, data.result),
        (None, Some(result_type), Some(result)) if answer.status.is_none() => (result_type, result),
        _ => return Err(not_prometheus("no data".to_owned())),
    };
    if result_type != "matrix" {
        return Err(HistoryError::Prometheus(format!(
            "This answer holds a {result_type}, not a matrix: run a range query (/api/v1/query_range, \
             or Grafana's Query inspector with a range) rather than an instant query."
        )));
    }
    let result: Vec<MatrixSeries> =
        serde_json::from_str(result.get()).map_err(|e| not_prometheus(e.to_string()))?;
    let mut sample = 0;
    let series = result
        .into_iter()
        .map(|s| {
            let name = series_name(&s.metric);
            let mut samples = Vec::with_capacity(s.values.len());
            for (time, value) in s.values {
                sample += 1;
                if !time.is_finite() {
                    return Err(HistoryError::Time {
                        at: sample,
                        text: time.to_string(),
                    });
                }
                let v = value_of(&value).ok_or_else(|| HistoryError::Value {
                    at: sample,
                    series: name.clone(),
                    text: value.clone().into_owned(),
                })?;
                if let Some(v) = v {
                    samples.push((time.round() as i64, v));
                }
            }
            ordered(name, samples)
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Imported {
        form: Form::Prometheus,
        series,
    })
}

/// A sample's value: `Some(None)` for a missing one (empty, `NaN`), `None` if it is not
/// a number. Infinities are not numbers here: a ratio of 1/0 says nothing.
fn value_of(text: &str) -> Option<Option<f64>> {
    let t = text.trim();
    if t.is_empty() || t.eq_ignore_ascii_case("nan") || t.eq_ignore_ascii_case("null") {
        return Some(None);
    }
    let v: f64 = t.replace(',', ".").parse().ok()?;
    v.is_finite().then_some(Some(v))
}

/// The series with its samples sorted by time, refused if two share a time.
fn ordered(name: String, mut samples: Vec<(i64, f64)>) -> Result<Series, HistoryError> {
    samples.sort_by_key(|s| s.0);
    if let Some(w) = samples.windows(2).find(|w| w[0].0 == w[1].0) {
        return Err(HistoryError::Repeated {
            series: name,
            at: w[0].0,
        });
    }
    Ok(Series { name, samples })
}

/// Unix seconds of a CSV time: ISO 8601 with or without an offset (then read at
/// `offset` minutes from UTC), or a Unix time in seconds, or in milliseconds when it
/// has 13 digits or more.
fn time_of(text: &str, offset: i32) -> Option<i64> {
    let t = text.trim();
    if let Ok(n) = t.parse::<f64>() {
        let seconds = if t.trim_start_matches('-').split('.').next()?.len() >= 13 {
            n / 1_000.0
        } else {
            n
        };
        return seconds.is_finite().then_some(seconds.round() as i64);
    }
    if let Ok(ts) = t.parse::<jiff::Timestamp>() {
        return Some(ts.as_second());
    }
    let civil: jiff::civil::DateTime = t.parse().ok()?;
    let offset = jiff::tz::Offset::from_seconds(offset.checked_mul(60)?).ok()?;
    Some(offset.to_timestamp(civil).ok()?.as_second())
}

fn csv_text(text: &str, offset: i32) -> Result<Imported, HistoryError> {
    let first = text.lines().next().unwrap_or_default();
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| first.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    if !first.bytes().any(|b| b == delimiter) {
        return Err(HistoryError::NotAForm {
            looks_like: "text",
            missing: "it has no columns: a CSV needs a time column and at least one value column, \
                      separated by commas"
                .to_owned(),
        });
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = reader.records();
    let header = match rows.next() {
        Some(Ok(r)) => r,
        _ => return Err(HistoryError::Empty),
    };
    // A header is a first row whose time does not read.
    let has_header = time_of(header.get(0).unwrap_or_default(), offset).is_none();
    let grafana = has_header && header.get(0).is_some_and(|h| h.trim() == "Time");
    let columns = header.len().saturating_sub(1);
    if columns == 0 {
        return Err(HistoryError::NotAForm {
            looks_like: "CSV",
            missing: "it has only one column: add a value column after the time".to_owned(),
        });
    }
    let names: Vec<String> = (1..=columns)
        .map(|c| {
            if has_header {
                header.get(c).unwrap_or_default().trim().to_owned()
            } else {
                format!("column {}", c + 1)
            }
        })
        .collect();
    let mut samples: Vec<Vec<(i64, f64)>> = vec![Vec::new(); columns];
    let body = if has_header { None } else { Some(Ok(header)) };
    for (i, row) in body.into_iter().chain(rows).enumerate() {
        let line = i + if has_header { 2 } else { 1 };
        let row = row.map_err(|e| HistoryError::NotAForm {
            looks_like: "CSV",
            missing: format!("line {line} does not read ({e})"),
        })?;
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let time_text = row.get(0).unwrap_or_default();
        let time = time_of(time_text, offset).ok_or_else(|| HistoryError::Time {
            at: line,
            text: time_text.to_owned(),
        })?;
        for (c, column) in samples.iter_mut().enumerate() {
            let cell = row.get(c + 1).unwrap_or_default();
            let value = value_of(cell).ok_or_else(|| HistoryError::Value {
                at: line,
                series: names[c].clone(),
                text: cell.to_owned(),
            })?;
            if let Some(v) = value {
                column.push((time, v));
            }
        }
    }
    let series = names
        .into_iter()
        .zip(samples)
        .map(|(name, samples)| ordered(name, samples))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Imported {
        form: if grafana { Form::Grafana } else { Form::Plain },
        series,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const MATRIX: &str = r#"{"status":"success","data":{"resultType":"matrix","result":[
        {"metric":{"__name__":"http_requests_total","code":"500"},"values":[[1730000060,"3"],[1730000000,"1"],[1730000120,"NaN"],[1730000180,"7"]]},
        {"metric":{"__name__":"http_requests_total","code":"200"},"values":[[1730000000,"100"],[1730000060,"200"]]}]}}"#;

    #[test]
    fn a_prometheus_matrix_reads_as_named_series_in_time_order_with_gaps() {
        let r = read(MATRIX, 0).unwrap();
        assert_eq!(r.form, Form::Prometheus);
        assert_eq!(r.series.len(), 2);
        assert_eq!(r.series[0].name, r#"http_requests_total{code="500"}"#);
        // Sorted, and NaN left out as a gap rather than read as zero.
        assert_eq!(
            r.series[0].samples,
            [(1_730_000_000, 1.0), (1_730_000_060, 3.0), (1_730_000_180, 7.0)]
        );
        assert_eq!(r.samples(), 5);
        // Its `data` alone reads too.
        let data = &MATRIX[MATRIX.find(r#"{"resultType""#).unwrap()..MATRIX.len() - 1];
        assert_eq!(read(data, 0).unwrap().series, r.series);
    }

    #[test]
    fn prometheus_errors_and_instant_queries_are_said_for_what_they_are() {
        let error = read(
            r#"{"status":"error","errorType":"bad_data","error":"parse error"}"#,
            0,
        )
        .unwrap_err();
        assert!(error.to_string().contains("parse error"), "{error}");
        let vector = read(
            r#"{"status":"success","data":{"resultType":"vector","result":[]}}"#,
            0,
        )
        .unwrap_err();
        assert!(
            vector.to_string().contains("not a matrix: run a range query"),
            "{vector}"
        );
        let other = read(r#"{"hello": 1}"#, 0).unwrap_err();
        assert!(
            other
                .to_string()
                .starts_with("This looks like JSON, but not a Prometheus range query"),
            "{other}"
        );
        let bad = read(
            r#"{"resultType":"matrix","result":[{"metric":{},"values":[[1,"x"]]}]}"#,
            0,
        )
        .unwrap_err();
        assert_eq!(
            bad.to_string(),
            "Line 1: the value \u{201c}x\u{201d} of the series is not a number."
        );
    }

    #[test]
    fn grafanas_csv_reads_its_local_times_at_the_offset_chosen() {
        let text = "\"Time\",\"errors\",\"requests\"\n\"2026-11-01 10:00:00\",\"1\",\"100\"\n\"2026-11-01 10:01:00\",\"\",\"120\"\n";
        let r = read(text, 60).unwrap();
        assert_eq!(r.form, Form::Grafana);
        let at = |s: &str| s.parse::<jiff::Timestamp>().unwrap().as_second();
        // 10:00 at UTC+01:00 is 09:00 UTC; the empty cell is a gap.
        assert_eq!(r.series[0].samples, [(at("2026-11-01T09:00:00Z"), 1.0)]);
        assert_eq!(r.series[1].name, "requests");
        assert_eq!(r.series[1].samples.len(), 2);
    }

    #[test]
    fn plain_csv_reads_iso_times_with_offsets_unix_seconds_and_milliseconds() {
        let text = "time;ratio\n2025-11-01T10:00:00+02:00;0,5\n1761991260;0.25\n1761991320000;0\n";
        let r = read(text, 0).unwrap();
        assert_eq!(r.form, Form::Plain);
        assert_eq!(
            r.series[0].samples,
            [(1_761_984_000, 0.5), (1_761_991_260, 0.25), (1_761_991_320, 0.0)]
        );
        // Without a header the columns are numbered.
        let r = read("1761991260,1,100\n1761991320,2,100\n", 0).unwrap();
        assert_eq!(r.series[1].name, "column 3");
    }

    #[test]
    fn what_is_not_a_history_says_what_it_looks_like_and_what_is_missing() {
        assert_eq!(read("  ", 0), Err(HistoryError::Empty));
        let words = read("hello world", 0).unwrap_err();
        assert!(
            words
                .to_string()
                .starts_with("This looks like text, but it has no columns"),
            "{words}"
        );
        let time = read("time,v\nyesterday,1\n", 0).unwrap_err();
        assert!(
            time.to_string()
                .starts_with("Line 2: the time \u{201c}yesterday\u{201d}"),
            "{time}"
        );
        let repeated = read("time,v\n100,1\n100,2\n", 0).unwrap_err();
        assert_eq!(
            repeated,
            HistoryError::Repeated {
                series: "v".to_owned(),
                at: 100
            }
        );
        let header_only = read("hello, world", 0).unwrap_err();
        assert!(
            header_only.to_string().contains("it holds no samples"),
            "{header_only}"
        );
        let nothing = read(r#"{"resultType":"matrix","result":[]}"#, 0).unwrap_err();
        assert!(nothing.to_string().contains("matched nothing"), "{nothing}");
        let big = "x".repeat(MAX_BYTES + 1);
        assert!(matches!(read(&big, 0), Err(HistoryError::TooLarge { .. })));
    }

    #[test]
    fn a_kept_history_unpacks_to_its_text_and_a_damaged_one_says_so() {
        let text = "time,errors,requests\n0,1,100\n60,2,200\n";
        assert_eq!(unpack(&pack(text)).unwrap(), text);
        assert!(unpack("not packed!").unwrap_err().to_string().contains("damaged"));
    }

    #[test]
    fn ninety_days_at_one_minute_reads_and_more_than_the_limit_does_not() {
        let rows = |n: usize| {
            std::iter::once("time,ratio".to_owned())
                .chain((0..n).map(|i| format!("{},0.001", 1_700_000_000 + 60 * i)))
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert_eq!(read(&rows(129_600), 0).unwrap().samples(), 129_600);
        assert!(matches!(
            read(&rows(MAX_SAMPLES + 1), 0),
            Err(HistoryError::TooManySamples { count, .. }) if count == MAX_SAMPLES + 1
        ));
    }
}
