//! The header of a plain-text article (the lines between the headline and the text:
//! standfirst, picture line, caption) and the credit of its picture, wherever the
//! header gives it: a line of its own after the others or in place of the picture line
//! ("Photo: AP/Evan Vucci", "Picture: Kevin Lamarque / Reuters", "© Jane Doe"), or the
//! end of the picture or caption line ("… on Monday. (AP Photo/Evan Vucci)"). By hand,
//! like the dateline: a few labels and shapes, kept as written.

/// The words that open a credit, before `:` or ` by ` ("Photo: …", "Photograph by …").
const LABELS: &[&str] = &[
    "photo credit",
    "image credit",
    "picture credit",
    "photographs",
    "photograph",
    "photos",
    "photo",
    "pictures",
    "picture",
    "images",
    "image",
    "illustration",
    "credits",
    "credit",
];

/// Agencies whose credit is their name in capitals and the photographer's after a slash
/// ("REUTERS/Kevin Lamarque").
const AGENCIES: &[&str] = &[
    "REUTERS", "AFP", "AP", "EPA", "DPA", "ANSA", "EFE", "XINHUA",
];

/// What the header of a plain-text article holds.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Header {
    /// The standfirst.
    pub dek: Option<String>,
    /// The picture line.
    pub picture: Option<String>,
    /// The caption.
    pub caption: Option<String>,
    /// The credit of the picture, as written (without the brackets around it).
    pub credit: Option<String>,
}

/// The header of the block `lines` after the headline, or `None` when the block is too
/// long to be one (then it is the first paragraph). Credit lines at its end are taken
/// off; the other lines are, by their number, the standfirst; the picture line and the
/// caption; or all three.
pub fn header(lines: &[&str]) -> Option<Header> {
    let mut end = lines.len();
    while end > 0 && is_credit(lines[end - 1]) {
        end -= 1;
    }
    let mut credits: Vec<String> = lines[end..].iter().map(|l| bare(l).to_string()).collect();
    let (dek, picture, caption) = match &lines[..end] {
        [] => (None, None, None),
        [dek] => (Some(*dek), None, None),
        [picture, caption] => (None, Some(*picture), Some(*caption)),
        [dek, picture, caption] => (Some(*dek), Some(*picture), Some(*caption)),
        _ => return None,
    };
    // A credit in place of the picture line.
    let picture = match picture {
        Some(p) if is_credit(p) => {
            credits.insert(0, bare(p).to_string());
            None
        }
        other => other,
    };
    let mut cut = |line: Option<&str>| {
        line.map(|l| match trailing(l) {
            Some((rest, credit)) => {
                credits.push(credit.to_string());
                rest.to_string()
            }
            None => l.trim().to_string(),
        })
    };
    let picture = cut(picture);
    let caption = cut(caption);
    Some(Header {
        dek: dek.map(|d| d.trim().to_string()),
        picture,
        caption,
        credit: (!credits.is_empty()).then(|| credits.join("; ")),
    })
}

/// `text` without the brackets around all of it.
fn bare(text: &str) -> &str {
    let t = text.trim();
    [('(', ')'), ('[', ']')]
        .iter()
        .find_map(|&(open, close)| t.strip_prefix(open)?.strip_suffix(close))
        .map_or(t, str::trim)
}

/// Whether `text` is a credit as a whole: a label and a name ("Photo: AP", "Picture by
/// Jane Doe"), `©` and a name, an agency's photo ("AP Photo/Evan Vucci",
/// "REUTERS/Kevin Lamarque"); in brackets or not.
pub fn is_credit(text: &str) -> bool {
    let t = bare(text);
    if t.is_empty() || t.chars().count() > 100 {
        return false;
    }
    // ASCII lower case keeps every byte where it was.
    let lower = t.to_ascii_lowercase();
    let labelled = LABELS.iter().any(|label| {
        lower.strip_prefix(label).is_some_and(|rest| {
            let name = rest.strip_prefix(':').or_else(|| rest.strip_prefix(" by "));
            name.is_some_and(|n| !n.trim().is_empty())
        })
    });
    // "AP Photo/Evan Vucci": a short name, "Photo/" and the photographer's name.
    let agency_photo = lower.find(" photo/").is_some_and(|i| {
        let (agency, name) = (&t[..i], &t[i + " photo/".len()..]);
        (1..=3).contains(&agency.split_whitespace().count())
            && agency.starts_with(char::is_uppercase)
            && agency.chars().all(|c| c.is_alphabetic() || c == ' ')
            && name.starts_with(char::is_uppercase)
    });
    let wire = AGENCIES.iter().any(|a| {
        t.strip_prefix(a)
            .and_then(|rest| rest.strip_prefix('/'))
            .is_some_and(|name| name.starts_with(char::is_uppercase))
    });
    labelled || agency_photo || wire || t.starts_with('©')
}

/// A credit at the end of `line`: in brackets ("… on Monday (Photo by Jim Watson/AFP)")
/// or after the last sentence or a dash ("… on Monday. Photo: AP"). Returns the line
/// without it, and the credit; `None` when the line does not end with one (or is one).
fn trailing(line: &str) -> Option<(&str, &str)> {
    let line = line.trim();
    if let Some(open) = line.strip_suffix(')').and_then(|l| l.rfind('(')) {
        let (rest, credit) = (line[..open].trim_end(), &line[open..]);
        if !rest.is_empty() && is_credit(credit) {
            return Some((rest, bare(credit)));
        }
    }
    let mut cuts: Vec<(usize, usize)> = [". ", " — ", " – ", " | ", " - "]
        .iter()
        .flat_map(|sep| line.match_indices(sep).map(|(i, s)| (i, s.len())))
        .collect();
    cuts.sort();
    cuts.into_iter().rev().find_map(|(at, len)| {
        let credit = &line[at + len..];
        // A full stop stays with the sentence it ends.
        let keep = usize::from(line[at..].starts_with('.'));
        is_credit(credit).then(|| (line[..at + keep].trim_end(), credit.trim()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn credit_of(lines: &[&str]) -> Header {
        header(lines).unwrap()
    }

    #[test]
    fn credit_lines_of_their_own() {
        for line in [
            "Photo: AP/Evan Vucci",
            "(Photo by Jim Watson/AFP)",
            "Credit: Jane Doe",
            "Picture: Kevin Lamarque / Reuters",
            "Photograph: Kevin Lamarque/Reuters",
            "© Jane Doe",
            "AP Photo/Evan Vucci",
            "REUTERS/Kevin Lamarque",
            "[Image credit: NASA]",
        ] {
            assert!(is_credit(line), "{line}");
        }
        for line in [
            "Photos of the summit went around the world.",
            "Credit:",
            "President Trump, NATO, Ukraine summit in Washington",
            "NATO/EU leaders meet",
            "The photo/video archive",
            "Pictured: the leaders",
        ] {
            assert!(!is_credit(line), "{line}");
        }
    }

    #[test]
    fn a_credit_after_the_caption_or_in_place_of_the_picture_line() {
        assert_eq!(
            credit_of(&["Stand", "Pic", "Cap", "Photo: AP/Evan Vucci"]),
            Header {
                dek: Some("Stand".into()),
                picture: Some("Pic".into()),
                caption: Some("Cap".into()),
                credit: Some("Photo: AP/Evan Vucci".into()),
            }
        );
        assert_eq!(
            credit_of(&["Stand", "Picture: Kevin Lamarque / Reuters", "Cap"]),
            Header {
                dek: Some("Stand".into()),
                picture: None,
                caption: Some("Cap".into()),
                credit: Some("Picture: Kevin Lamarque / Reuters".into()),
            }
        );
        let h = credit_of(&["Pic", "Cap", "(Photo by Jim Watson/AFP)"]);
        assert_eq!(
            (h.dek, h.picture.as_deref(), h.caption.as_deref()),
            (None, Some("Pic"), Some("Cap"))
        );
        assert_eq!(h.credit.as_deref(), Some("Photo by Jim Watson/AFP"));
        assert_eq!(header(&["A", "B", "C", "D"]), None);
    }

    #[test]
    fn a_credit_at_the_end_of_a_line_comes_off_it() {
        for (line, rest, credit) in [
            (
                "Leaders met on Monday. (AP Photo/Evan Vucci)",
                "Leaders met on Monday.",
                "AP Photo/Evan Vucci",
            ),
            (
                "Leaders met on Monday (Photo by Jim Watson/AFP)",
                "Leaders met on Monday",
                "Photo by Jim Watson/AFP",
            ),
            (
                "Leaders met on Monday. Photo: J. Smith/AP",
                "Leaders met on Monday.",
                "Photo: J. Smith/AP",
            ),
            (
                "Leaders met — Credit: Jane Doe",
                "Leaders met",
                "Credit: Jane Doe",
            ),
        ] {
            assert_eq!(trailing(line), Some((rest, credit)), "{line}");
        }
        for line in [
            "Leaders met on Monday (in Washington).",
            "Leaders met. Photos followed.",
            "Photo: AP",
        ] {
            assert_eq!(trailing(line), None, "{line}");
        }
        let h = credit_of(&["Stand", "Pic", "Cap. (AP Photo/Evan Vucci)"]);
        assert_eq!(
            (h.caption.as_deref(), h.credit.as_deref()),
            (Some("Cap."), Some("AP Photo/Evan Vucci"))
        );
    }
}
