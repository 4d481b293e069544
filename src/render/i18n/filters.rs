//! The two template filters of the table, registered on every `Tera`:
//!
//! - `{{ t.n_notes | plural(n=count) }}` picks the form of a table of forms for the
//!   count `n` (by the plural rules of the table's language) and fills it in;
//! - `{{ t.verdict | fill(verdict=note.verdict) }}` fills in a text.
//!
//! Filling replaces each `{name}` by the filter's argument `name`, and turns each
//! `[text]({name})` into a link to the URL `name`. The table's text and the arguments
//! are escaped (an argument already safe, such as another `plural` or `fill`, is not),
//! and the result is safe HTML.

use std::collections::BTreeMap;

use tera::{Kwargs, State, TeraResult, Value};

/// Adds `plural` and `fill` to `tera`.
pub fn register(tera: &mut tera::Tera) {
    tera.register_filter("plural", plural);
    tera.register_filter("fill", fill);
}

fn plural(forms: Value, kwargs: Kwargs, state: &State) -> TeraResult<Value> {
    let n = kwargs.must_get::<i64>("n")?;
    let text = match forms.as_str() {
        Some(text) => text.to_string(),
        None => {
            let map = forms.as_map().ok_or_else(|| {
                tera::Error::message(format!(
                    "plural filter needs a table of forms such as t.n_notes, got {}",
                    forms.name()
                ))
            })?;
            let mut by_cat: BTreeMap<String, String> = BTreeMap::new();
            let mut lang = "en".to_string();
            for (k, v) in map {
                let (Some(k), Some(v)) = (k.as_str(), v.as_str()) else {
                    continue;
                };
                if k == "_lang" {
                    lang = v.to_string();
                } else {
                    by_cat.insert(k.to_string(), v.to_string());
                }
            }
            super::plural::pick(&by_cat, &lang, n.unsigned_abs()).to_string()
        }
    };
    fill_html(&text, &kwargs, state)
}

fn fill(text: Value, kwargs: Kwargs, state: &State) -> TeraResult<Value> {
    let text = text.as_str().ok_or_else(|| {
        tera::Error::message(format!(
            "fill filter needs a text such as t.verdict, got {}",
            text.name()
        ))
    })?;
    fill_html(text, &kwargs, state)
}

/// The text of an argument, as HTML.
fn arg_html(v: &Value, state: &State) -> TeraResult<String> {
    if v.is_safe() {
        Ok(v.as_str().map_or_else(|| v.to_string(), str::to_string))
    } else {
        state.escape(&v.as_str().map_or_else(|| v.to_string(), str::to_string))
    }
}

/// `text` filled in from `kwargs`, as safe HTML.
fn fill_html(text: &str, kwargs: &Kwargs, state: &State) -> TeraResult<Value> {
    let arg = |name: &str| -> Option<&Value> {
        kwargs
            .iter()
            .find(|(k, _)| k.as_str() == Some(name))
            .map(|(_, v)| v)
    };
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(i) = rest.find(['{', '[']) {
        out.push_str(&state.escape(&rest[..i])?);
        let after = &rest[i + 1..];
        if rest[i..].starts_with('{') {
            if let Some((name, tail)) = after.split_once('}') {
                if let Some(v) = arg(name) {
                    out.push_str(&arg_html(v, state)?);
                    rest = tail;
                    continue;
                }
            }
            out.push('{');
            rest = after;
            continue;
        }
        // `[text]({url})`.
        let link = after.split_once("]({").and_then(|(inner, tail)| {
            let (name, tail) = tail.split_once("})")?;
            Some((inner, arg(name)?, tail))
        });
        match link {
            Some((inner, url, tail)) if !inner.contains('[') => {
                let inner = fill_html(inner, kwargs, state)?;
                out.push_str("<a href=\"");
                out.push_str(&arg_html(url, state)?);
                out.push_str("\">");
                out.push_str(inner.as_str().unwrap_or_default());
                out.push_str("</a>");
                rest = tail;
            }
            _ => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(&state.escape(rest)?);
    Ok(Value::safe_string(&out))
}
