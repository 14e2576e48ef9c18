//! Tables people paste: two columns per line (a CSV export, a spreadsheet selection,
//! or numbers typed by hand), read into pairs with a message naming the first line
//! that cannot be read.

/// The most rows a pasted table keeps.
pub const MAX_ROWS: usize = 1_000;
/// The longest pasted table kept in a plan, characters.
pub const MAX_CHARS: usize = 40_000;

/// Reads the lines of `text` as two columns separated by a comma, semicolon, tab or
/// spaces. `first` reads the first column (a number, or a date); the second is a
/// number. Blank lines are skipped, and so is a first line of which neither column can
/// be read (a header such as `date,value`).
///
/// # Errors
/// A message naming the line that cannot be read and what it should hold, or saying
/// the table is too long.
pub fn pairs(
    text: &str,
    first: impl Fn(&str) -> Option<f64>,
    columns: &str,
) -> Result<Vec<(f64, f64)>, String> {
    if text.chars().count() > MAX_CHARS {
        return Err(format!("A pasted table is at most {MAX_CHARS} characters."));
    }
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let mut cells = line
            .split([',', ';', '\t', ' '])
            .map(str::trim)
            .filter(|c| !c.is_empty());
        let (a, b, rest) = (cells.next(), cells.next(), cells.next());
        let value = b
            .and_then(|text| text.parse::<f64>().ok())
            .filter(|v| v.is_finite());
        let key = a.and_then(&first);
        if key.is_none() && value.is_none() && i == first_line(text) {
            continue; // a header
        }
        match (key, value, rest) {
            (Some(x), Some(y), None) => rows.push((x, y)),
            _ => {
                return Err(format!(
                    "Line {}: \"{}\" is not two columns ({columns}).",
                    i + 1,
                    line.chars().take(40).collect::<String>()
                ))
            }
        }
        if rows.len() > MAX_ROWS {
            return Err(format!("A pasted table has at most {MAX_ROWS} rows."));
        }
    }
    Ok(rows)
}

/// The index of the first line that is not blank.
fn first_line(text: &str) -> usize {
    text.lines().position(|l| !l.trim().is_empty()).unwrap_or(0)
}

/// A finite number, as a table cell.
pub fn number(cell: &str) -> Option<f64> {
    cell.parse::<f64>().ok().filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_separators_and_blank_lines() {
        let text = "concurrency,throughput\n1,955.16\n\n2\t1878.91\n3; 2688.01\n 4 3548.68 \n";
        assert_eq!(
            pairs(text, number, "concurrency, throughput"),
            Ok(vec![
                (1.0, 955.16),
                (2.0, 1878.91),
                (3.0, 2688.01),
                (4.0, 3548.68)
            ])
        );
        assert_eq!(pairs("", number, "a, b"), Ok(Vec::new()));
    }

    #[test]
    fn the_first_bad_line_is_named() {
        let error = pairs("1,2\n3,x\n", number, "concurrency, throughput").unwrap_err();
        assert_eq!(
            error,
            "Line 2: \"3,x\" is not two columns (concurrency, throughput)."
        );
        assert!(pairs("1,2,3", number, "a, b").unwrap_err().starts_with("Line 1"));
        assert!(pairs("1,NaN", number, "a, b").is_err());
        // Only the first line may be a header.
        assert!(pairs("1,2\nx,y", number, "a, b").is_err());
        assert!(pairs(&"1,2\n".repeat(MAX_ROWS + 1), number, "a, b").is_err());
    }
}
