//! Dates as written in bylines and date lines, read as ISO `YYYY-MM-DD`.

use crate::normalize::{normalize, words};
use crate::strip::lexicon;

pub(in crate::strip) fn has_date(w: &[&str]) -> bool {
    w.iter()
        .any(|t| t.len() == 4 && t.starts_with(['1', '2']) && t.bytes().all(|b| b.is_ascii_digit()))
}

/// A date in ISO form, if `raw` holds day, month and year.
pub(in crate::strip) fn iso_date(raw: &str) -> Option<String> {
    let d = read_date(raw);
    (d.len() == 10 && d.as_bytes()[4] == b'-' && d.as_bytes()[7] == b'-').then_some(d)
}

/// The number of the month `name` names (normalised: one word, or two words
/// joined by a space).
fn month_named(name: &str) -> Option<u32> {
    lexicon::ALL
        .iter()
        .flat_map(|l| l.months)
        .find(|(m, _)| *m == name)
        .map(|&(_, n)| n)
}

/// Reads a date as ISO `YYYY-MM-DD` when day, month and year are all there.
pub(in crate::strip) fn read_date(raw: &str) -> String {
    let n = normalize(raw);
    let mut nums: Vec<u32> = Vec::new();
    let mut month: Option<u32> = None;
    let mut cur = String::new();
    let flush = |cur: &mut String, nums: &mut Vec<u32>| {
        if let Ok(v) = cur.parse() {
            nums.push(v);
        }
        cur.clear();
    };
    for c in n.chars() {
        if c.is_ascii_digit() {
            cur.push(c);
        } else {
            flush(&mut cur, &mut nums);
        }
    }
    flush(&mut cur, &mut nums);
    // The first month named: a two-word name ("تشرين الاول") read over two
    // words, before either word alone.
    let w: Vec<&str> = words(&n).collect();
    for (i, word) in w.iter().enumerate() {
        let pair = w.get(i + 1).map(|next| format!("{word} {next}"));
        if let Some(m) = pair
            .and_then(|p| month_named(&p))
            .or_else(|| month_named(word))
        {
            month = Some(m);
            break;
        }
    }
    // "20141229": year, month and day run together.
    if let [compact, ..] = nums[..] {
        if (19_000_101..22_000_000).contains(&compact) {
            nums.splice(0..1, [compact / 10_000, compact / 100 % 100, compact % 100]);
        }
    }
    let year = nums.iter().position(|&v| (1900..2200).contains(&v));
    let iso = match (year, month) {
        (Some(y), Some(m)) => nums
            .iter()
            .enumerate()
            .find(|&(i, &d)| i != y && (1..=31).contains(&d))
            .map(|(_, &d)| (nums[y], m, d)),
        (Some(0), None) if nums.len() >= 3 => Some((nums[0], nums[1], nums[2])),
        (Some(2), None) if nums.len() >= 3 => Some((nums[2], nums[1], nums[0])),
        _ => None,
    };
    match iso {
        Some((y, m, d)) if (1..=12).contains(&m) && (1..=31).contains(&d) => {
            format!("{y:04}-{m:02}-{d:02}")
        }
        _ => raw.trim().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_iso() {
        assert_eq!(read_date("26 - 12 - 2023"), "2023-12-26");
        assert_eq!(read_date("2024-03-05T10:00:00Z"), "2024-03-05");
        assert_eq!(read_date("12 mars 2024"), "2024-03-12");
        assert_eq!(read_date("March 12, 2024"), "2024-03-12");
        assert_eq!(read_date("yesterday"), "yesterday");
        assert_eq!(read_date("20141229 18:22:00"), "2014-12-29");
        assert_eq!(iso_date("0001-01-01T00:00:00Z"), None);
        // Levantine month names of two words.
        assert_eq!(read_date("15 تشرين الأول 2023"), "2023-10-15");
        assert_eq!(read_date("3 كانون الثاني 2024"), "2024-01-03");
        assert_eq!(read_date("حزيران 7، 2022"), "2022-06-07");
        assert_eq!(
            iso_date("كتب: رويترز | الخميس 6 أغسطس 2015 - 10:40 ص").as_deref(),
            Some("2015-08-06")
        );
    }
}
