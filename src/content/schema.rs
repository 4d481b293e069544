//! The keys of each kind of table: which exist, which are required, and what their
//! values must look like beyond their type. One table of keys per serde shape of
//! `front`; the tests below check that each agrees with its shape (the same keys in the
//! same order, the same ones required), so that neither can drift from the other.

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue};

use super::front::{
    ActorFront, AnnotationFront, ArticleFront, AuthorFront, ImageFront, ImagesFront, LinkFront,
    MatrixFront, PaginationFront, PositionFront, PublisherFront, SiteFront, SourcesFront,
    StanceFront, UpdateFront,
};

/// A front matter (or `site.toml`) shape, and its keys.
pub trait Front: DeserializeOwned {
    /// Its keys.
    const SCHEMA: &'static Schema;
}

/// The keys of one kind of table.
pub struct Schema {
    /// What the table is, for messages: `an actor`, `a stance`.
    pub what: &'static str,
    /// Its keys, in the order of the serde shape.
    pub keys: &'static [Key],
    /// Whether a URL key of it is named after the key holding the table too
    /// (`links url`), as a `{ title, url }` link is.
    pub label_with_parent: bool,
    /// The serde error for a table holding only the given key, unless that error is only
    /// that another key is missing.
    pub probe: fn(&Spanned<DeString<'_>>, &Spanned<DeValue<'_>>) -> Option<toml::de::Error>,
}

impl Schema {
    /// The key called `name`.
    pub fn key(&self, name: &str) -> Option<&Key> {
        self.keys.iter().find(|k| k.name == name)
    }

    /// The names of its keys.
    pub fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.keys.iter().map(|k| k.name)
    }
}

/// One key.
pub struct Key {
    /// Its name.
    pub name: &'static str,
    /// For a required key, how to write it (`kind = "person", "state" or "organization"`).
    pub required: Option<&'static str>,
    /// What its value must be beyond its type.
    pub check: Check,
}

/// What a key's value must be, beyond the type its serde shape gives.
#[derive(Clone, Copy)]
pub enum Check {
    /// Its type says it all.
    Type,
    /// Text that is not empty.
    NonEmpty,
    /// Optional text a page shows as it is written (`dek`, `role`): blank, it is left
    /// out as if it were not there, with a warning (`parse::check_table`).
    Shown,
    /// A URL a reader may follow.
    Url,
    /// `base_url` of `site.toml`.
    BaseUrl,
    /// A Wikidata id.
    Wikidata,
    /// A TOML date (not a time alone, not a string).
    Date,
    /// A BCP 47 language tag.
    Language,
    /// An array of domain names.
    Domains,
    /// A whole number from the first to the second.
    Count(i64, i64),
    /// An array of host names, each maybe with `*.` before it.
    Hosts,
    /// The text of an `alt`: not empty.
    Alt,
    /// A size in pixels: a whole number, 1 or more.
    Pixels,
    /// An array of tables, each with these keys.
    Tables(&'static Schema),
    /// A table with these keys.
    Table(&'static Schema),
    /// A table with these keys, usually written inline (`image = { src = "…", … }`).
    Inline(&'static Schema),
}

pub(super) const fn key(name: &'static str) -> Key {
    Key {
        name,
        required: None,
        check: Check::Type,
    }
}

pub(super) const fn checked(name: &'static str, check: Check) -> Key {
    Key {
        name,
        required: None,
        check,
    }
}

pub(super) const fn required(name: &'static str, how: &'static str, check: Check) -> Key {
    Key {
        name,
        required: Some(how),
        check,
    }
}

/// `T`'s serde error for a table holding only `key`, unless it is a missing key.
pub(super) fn probe<T: DeserializeOwned>(
    key: &Spanned<DeString<'_>>,
    value: &Spanned<DeValue<'_>>,
) -> Option<toml::de::Error> {
    let mut one = DeTable::new();
    one.insert(key.clone(), value.clone());
    let span = key.span().start..value.span().end;
    let error = T::deserialize(toml::de::Deserializer::from(Spanned::new(span, one))).err()?;
    (!error.message().starts_with("missing field `")).then_some(error)
}

/// `content/site.toml`.
pub const SITE: Schema = Schema {
    what: "site.toml",
    keys: &[
        required("title", "title = \"…\"", Check::NonEmpty),
        checked("description", Check::Shown),
        checked("language", Check::Language),
        checked("base_url", Check::BaseUrl),
        checked("sources", Check::Table(&SOURCES)),
        checked("pagination", Check::Table(&PAGINATION)),
        checked("matrix", Check::Table(&MATRIX)),
        checked("images", Check::Table(&IMAGES)),
        checked("publisher", Check::Table(&PUBLISHER)),
        key("cards"),
    ],
    label_with_parent: false,
    probe: probe::<SiteFront>,
};

/// `[publisher]` of `site.toml`.
pub const PUBLISHER: Schema = Schema {
    what: "[publisher]",
    keys: &[
        required(
            "name",
            "name = \"…\" (the newsroom's name)",
            Check::NonEmpty,
        ),
        checked("url", Check::Url),
        key("logo"),
    ],
    label_with_parent: true,
    probe: probe::<PublisherFront>,
};

/// The `author` of a fact-check.
pub const AUTHOR: Schema = Schema {
    what: "an author",
    keys: &[
        required("name", "name = \"…\"", Check::NonEmpty),
        key("kind"),
        checked("url", Check::Url),
    ],
    label_with_parent: true,
    probe: probe::<AuthorFront>,
};

/// `[pagination]` of `site.toml`.
pub const PAGINATION: Schema = Schema {
    what: "[pagination]",
    keys: &[checked("page_size", Check::Count(1, 1000))],
    label_with_parent: false,
    probe: probe::<PaginationFront>,
};

/// `[matrix]` of `site.toml`.
pub const MATRIX: Schema = Schema {
    what: "[matrix]",
    keys: &[
        checked("rows", Check::Count(1, 500)),
        checked("columns", Check::Count(1, 50)),
    ],
    label_with_parent: false,
    probe: probe::<MatrixFront>,
};

/// `[images]` of `site.toml`.
pub const IMAGES: Schema = Schema {
    what: "[images]",
    keys: &[checked("allow", Check::Hosts)],
    label_with_parent: false,
    probe: probe::<ImagesFront>,
};

/// The `image` of an article or actor.
pub const IMAGE: Schema = Schema {
    what: "an image",
    keys: &[
        required(
            "src",
            "src = \"…\" (a file under static/, or an https:// URL)",
            Check::Type,
        ),
        required(
            "alt",
            "alt = \"…\" (what the picture shows, for readers who cannot see it)",
            Check::Alt,
        ),
        checked("credit", Check::Shown),
        checked("width", Check::Pixels),
        checked("height", Check::Pixels),
    ],
    label_with_parent: true,
    probe: probe::<ImageFront>,
};

/// `[sources]` of `site.toml`.
pub const SOURCES: Schema = Schema {
    what: "[sources]",
    keys: &[checked("avoid", Check::Domains)],
    label_with_parent: false,
    probe: probe::<SourcesFront>,
};

/// An article.
pub const ARTICLE: Schema = Schema {
    what: "an article",
    keys: &[
        required("title", "title = \"…\"", Check::NonEmpty),
        required("date", "date = 2025-08-18", Check::Date),
        checked("dek", Check::Shown),
        checked("byline", Check::Shown),
        checked("source", Check::Shown),
        checked("source_url", Check::Url),
        checked("dateline", Check::Shown),
        key("picture"),
        checked("image", Check::Inline(&IMAGE)),
        checked("image_caption", Check::Shown),
        checked("image_credit", Check::Shown),
        checked("updates", Check::Tables(&UPDATE)),
    ],
    label_with_parent: false,
    probe: probe::<ArticleFront>,
};

/// A `{ title, url }` link of `links` or `sources`.
pub const LINK: Schema = Schema {
    what: "a link",
    keys: &[
        required("title", "title = \"…\"", Check::Type),
        required("url", "url = \"https://…\"", Check::Url),
    ],
    label_with_parent: true,
    probe: probe::<LinkFront>,
};

/// One of the `updates` of an article, actor, position or annotation.
pub const UPDATE: Schema = Schema {
    what: "an update",
    keys: &[
        required("date", "date = 2025-08-19", Check::Date),
        required("text", "text = \"…\" (what changed)", Check::NonEmpty),
    ],
    label_with_parent: true,
    probe: probe::<UpdateFront>,
};

/// An actor.
pub const ACTOR: Schema = Schema {
    what: "an actor",
    keys: &[
        required("name", "name = \"…\"", Check::Type),
        required(
            "kind",
            "kind = \"person\", \"state\" or \"organization\"",
            Check::Type,
        ),
        key("aliases"),
        key("match"),
        checked("role", Check::Shown),
        key("affiliation"),
        checked("wikidata", Check::Wikidata),
        checked("links", Check::Tables(&LINK)),
        checked("image", Check::Inline(&IMAGE)),
        checked("updates", Check::Tables(&UPDATE)),
    ],
    label_with_parent: false,
    probe: probe::<ActorFront>,
};

/// One `[[stances]]` table of a position.
pub const STANCE: Schema = Schema {
    what: "a stance",
    keys: &[
        required("actor", "actor = \"…\" (an actor's slug)", Check::Type),
        required(
            "stance",
            "stance = \"supports\", \"opposes\", \"mixed\" or \"unclear\"",
            Check::Type,
        ),
        key("quote"),
        key("article"),
        checked("source_url", Check::Url),
        checked("note", Check::Shown),
    ],
    label_with_parent: false,
    probe: probe::<StanceFront>,
};

/// A position.
pub const POSITION: Schema = Schema {
    what: "a position",
    keys: &[
        required("title", "title = \"…\"", Check::NonEmpty),
        required("summary", "summary = \"…\"", Check::NonEmpty),
        checked("question", Check::Shown),
        key("related"),
        checked("stances", Check::Tables(&STANCE)),
        checked("updates", Check::Tables(&UPDATE)),
    ],
    label_with_parent: false,
    probe: probe::<PositionFront>,
};

/// An annotation.
pub const ANNOTATION: Schema = Schema {
    what: "an annotation",
    keys: &[
        key("article"),
        required(
            "quote",
            "quote = \"…\" (the exact passage of the article)",
            Check::Type,
        ),
        key("prefix"),
        key("suffix"),
        required(
            "kind",
            "kind = \"context\", \"definition\", \"fact-check\" or \"analysis\"",
            Check::Type,
        ),
        checked("title", Check::NonEmpty),
        key("verdict"),
        checked("sources", Check::Tables(&LINK)),
        key("actors"),
        key("positions"),
        checked("author", Check::Inline(&AUTHOR)),
        checked("date", Check::Date),
        checked("updates", Check::Tables(&UPDATE)),
    ],
    label_with_parent: false,
    probe: probe::<AnnotationFront>,
};

impl Front for SiteFront {
    const SCHEMA: &'static Schema = &SITE;
}
impl Front for ArticleFront {
    const SCHEMA: &'static Schema = &ARTICLE;
}
impl Front for ActorFront {
    const SCHEMA: &'static Schema = &ACTOR;
}
impl Front for PositionFront {
    const SCHEMA: &'static Schema = &POSITION;
}
impl Front for AnnotationFront {
    const SCHEMA: &'static Schema = &ANNOTATION;
}

#[cfg(test)]
#[path = "schema_tests.rs"]
mod tests;
