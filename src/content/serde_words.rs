//! serde's words for a value of the wrong type or an unknown name ("invalid type: string
//! \"Torres\", expected a sequence"; "unknown variant `support`, expected one of …"),
//! said in the writer's terms: the key, what it takes, and how to write it; and the
//! TOML parser's words for a key given twice.

use crate::diagnostic::did_you_mean;

/// serde's `message` about the value of `key`, said plainly, with a hint; the message
/// as it is when it is none of the two kinds.
pub(super) fn plainly(key: &str, message: &str) -> (String, Option<String>) {
    if let Some(said) = unknown_name(key, message) {
        return said;
    }
    if let Some(said) = wrong_type(key, message) {
        return said;
    }
    (message.to_string(), None)
}

/// "unknown variant `support`, expected one of `supports`, `opposes`": the names a key
/// takes, and the nearest one.
fn unknown_name(key: &str, message: &str) -> Option<(String, Option<String>)> {
    let rest = message.strip_prefix("unknown variant `")?;
    let (given, rest) = rest.split_once('`')?;
    let names: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    let list = names
        .iter()
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ");
    Some((
        format!("{key} \"{given}\" is not one of {list}"),
        did_you_mean(given, names.iter().copied()),
    ))
}

/// "invalid type: string \"Torres\", expected a sequence": what the key takes, what it
/// was given, and the value written the right way where it can be.
fn wrong_type(key: &str, message: &str) -> Option<(String, Option<String>)> {
    let rest = message.strip_prefix("invalid type: ")?;
    let (given, expected) = rest.split_once(", expected ")?;
    // serde says `string "Torres"`, `integer `2025``, `boolean `true``, `sequence`.
    let (kind, value) = match given.split_once(' ') {
        Some((kind, value)) => (kind, Some(value.trim_matches('`'))),
        None => (given, None),
    };
    let (takes, example) = match expected {
        "a sequence" => (
            "an array".to_string(),
            match (kind, value) {
                ("string", Some(v)) => format!("{key} = [{v}]"),
                _ => format!("{key} = [\"…\"]"),
            },
        ),
        "a string" => (
            "text in quotes".to_string(),
            match (kind, value) {
                ("integer" | "float" | "boolean", Some(v)) => format!("{key} = \"{v}\""),
                _ => format!("{key} = \"…\""),
            },
        ),
        "a boolean" => (
            "true or false".to_string(),
            format!("{key} = true (or false), without quotes"),
        ),
        other => (other.to_string(), String::new()),
    };
    let given = match (kind, value) {
        ("sequence", _) => "an array".to_string(),
        ("map", _) => "a table".to_string(),
        (kind, Some(v)) => format!("the {kind} {v}"),
        (kind, None) => format!("a {kind}"),
    };
    Some((
        format!("{key} must be {takes}, not {given}"),
        (!example.is_empty()).then(|| format!("write {example}")),
    ))
}

/// What a TOML syntax error of `text` says, in one line. The parser says "duplicate
/// key" at the key: this says which, and that once is enough.
pub(crate) fn syntax_message(e: &toml::de::Error, text: &str) -> String {
    let message = e.message().trim().replace('\n', " ");
    if message == "duplicate key"
        && let Some(key) = e.span().and_then(|s| text.get(s)).map(str::trim)
        && !key.is_empty()
    {
        let key = if key.starts_with(['"', '\'']) {
            key.to_string()
        } else {
            format!("\"{key}\"")
        };
        return format!("duplicate key {key}: a key may be given once in a table");
    }
    message
}

#[cfg(test)]
mod tests {
    use super::plainly;

    #[test]
    fn serde_is_said_in_the_writers_terms() {
        assert_eq!(
            plainly(
                "aliases",
                "invalid type: string \"Torres\", expected a sequence"
            ),
            (
                "aliases must be an array, not the string \"Torres\"".into(),
                Some("write aliases = [\"Torres\"]".into())
            )
        );
        assert_eq!(
            plainly("role", "invalid type: sequence, expected a string"),
            (
                "role must be text in quotes, not an array".into(),
                Some("write role = \"…\"".into())
            )
        );
        assert_eq!(
            plainly("title", "invalid type: integer `2025`, expected a string"),
            (
                "title must be text in quotes, not the integer 2025".into(),
                Some("write title = \"2025\"".into())
            )
        );
        assert_eq!(
            plainly("cards", "invalid type: string \"yes\", expected a boolean"),
            (
                "cards must be true or false, not the string \"yes\"".into(),
                Some("write cards = true (or false), without quotes".into())
            )
        );
        assert_eq!(
            plainly(
                "stance",
                "unknown variant `support`, expected one of `supports`, `opposes`, `mixed`, `unclear`"
            ),
            (
                "stance \"support\" is not one of \"supports\", \"opposes\", \"mixed\", \"unclear\"".into(),
                Some("did you mean \"supports\"?".into())
            )
        );
        // Anything else, as serde says it.
        assert_eq!(
            plainly("x", "something else"),
            ("something else".into(), None)
        );
    }
}
