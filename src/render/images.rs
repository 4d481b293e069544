//! Pictures on pages: an article's lead picture and an actor's picture as the templates
//! see them (a link relative to the page, the size, how the browser loads it), and the
//! absolute URL that JSON-LD and Open Graph name them by.

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use serde::Serialize;
use serde_json::{Map, Value, json};

use super::urls::Urls;
use crate::model::{Image, ImageSrc, Site};

/// A picture, as a template writes its `<img>`.
#[derive(Debug, Clone, Serialize)]
pub struct ImageView {
    /// Its URL: relative to the page for a file of `static/`.
    pub src: String,
    /// What it shows.
    pub alt: String,
    /// Its width in pixels.
    pub width: u32,
    /// Its height in pixels.
    pub height: u32,
    /// `eager`: every picture the pages show is at the top of its page, in view as it
    /// opens (`lazy` is for those further down).
    pub loading: &'static str,
    /// `high` for the page's main picture, the largest thing it paints first.
    pub fetchpriority: Option<&'static str>,
    /// Whether it is on another host (then the page sends it no referrer).
    pub remote: bool,
    /// Who made it.
    pub credit: Option<String>,
}

/// Where a picture is on its page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// An article's lead picture, under its headline: the page's main picture.
    Lead,
    /// Beside the top of a page (an actor's infobox).
    Beside,
}

/// What Open Graph says of a page's picture.
#[derive(Debug, Clone, Serialize)]
pub struct SocialImage {
    /// Its absolute URL.
    pub url: String,
    /// Its width in pixels.
    pub width: u32,
    /// Its height in pixels.
    pub height: u32,
    /// What it shows.
    pub alt: String,
}

/// The characters that a path of `static/` cannot hold as they are in a URL path.
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'\\')
    .add(b'^')
    .add(b'|');

/// The URL path of the file of `static/` at `path` (`my photo.jpg` as `my%20photo.jpg`).
pub fn url_path(path: &str) -> String {
    utf8_percent_encode(path, PATH).to_string()
}

/// The view of `image` on a page with links `urls`, at `place`.
pub fn view(urls: &Urls, image: &Image, place: Place) -> ImageView {
    let (src, remote) = match &image.src {
        ImageSrc::Static(path) => (urls.to(&url_path(path)), false),
        ImageSrc::Remote(url) => (url.clone(), true),
    };
    ImageView {
        src,
        alt: image.alt.clone(),
        width: image.width,
        height: image.height,
        loading: "eager",
        fetchpriority: (place == Place::Lead).then_some("high"),
        remote,
        credit: image.credit.clone(),
    }
}

/// The absolute URL of `image`: a file of `static/` has one only under a base URL.
pub fn absolute(site: &Site, image: &Image) -> Option<String> {
    match &image.src {
        ImageSrc::Static(path) => site
            .base_url
            .as_ref()
            .map(|base| format!("{base}{}", url_path(path))),
        ImageSrc::Remote(url) => Some(url.clone()),
    }
}

/// The Open Graph picture of a page showing `image`, when it has an absolute URL and
/// is no SVG (which no platform shows in a preview).
pub fn social(site: &Site, image: &Image) -> Option<SocialImage> {
    // Platforms show no SVG in a link's preview: the page's share card stands in.
    let path = match &image.src {
        ImageSrc::Static(p) | ImageSrc::Remote(p) => p,
    };
    let file = path.split(['?', '#']).next().unwrap_or(path);
    if file.to_ascii_lowercase().ends_with(".svg") {
        return None;
    }
    Some(SocialImage {
        url: absolute(site, image)?,
        width: image.pixels.0,
        height: image.pixels.1,
        alt: image.alt.clone(),
    })
}

/// The schema.org `ImageObject` of `image` with its `caption`, when it has an absolute
/// URL (JSON-LD names nothing by a relative one).
pub fn json_ld(site: &Site, image: &Image, caption: Option<&str>) -> Option<Value> {
    let mut object = Map::new();
    object.insert("@type".into(), json!("ImageObject"));
    object.insert("url".into(), json!(absolute(site, image)?));
    object.insert("width".into(), json!(image.pixels.0));
    object.insert("height".into(), json!(image.pixels.1));
    if let Some(caption) = caption {
        object.insert("caption".into(), json!(caption));
    }
    if let Some(credit) = &image.credit {
        object.insert("creditText".into(), json!(credit));
    }
    Some(Value::Object(object))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(src: ImageSrc) -> Image {
        Image {
            src,
            alt: "A".into(),
            credit: Some("Photo: P".into()),
            width: 4,
            height: 3,
            pixels: (4, 3),
        }
    }

    #[test]
    fn a_file_of_static_is_linked_relative_and_named_absolute_under_the_base_url() {
        let img = image(ImageSrc::Static("img/my photo#1.png".into()));
        let v = view(&Urls::from_page("articles/x/"), &img, Place::Lead);
        assert_eq!(v.src, "../../img/my%20photo%231.png");
        assert_eq!(
            (v.loading, v.fetchpriority, v.remote),
            ("eager", Some("high"), false)
        );
        let beside = view(&Urls::from_page("actors/x/"), &img, Place::Beside);
        assert_eq!(beside.fetchpriority, None);
        let mut site = Site::default();
        assert_eq!(absolute(&site, &img), None);
        assert!(json_ld(&site, &img, None).is_none());
        site.base_url = Some("https://e.org/r/".into());
        assert_eq!(
            json_ld(&site, &img, Some("C")).unwrap(),
            json!({"@type": "ImageObject", "url": "https://e.org/r/img/my%20photo%231.png",
                   "width": 4, "height": 3, "caption": "C", "creditText": "Photo: P"})
        );
    }

    #[test]
    fn a_picture_of_another_host_keeps_its_url() {
        let img = image(ImageSrc::Remote("https://up.example/a.jpg".into()));
        let v = view(&Urls::from_page("articles/x/"), &img, Place::Lead);
        assert_eq!(
            (v.src.as_str(), v.remote),
            ("https://up.example/a.jpg", true)
        );
        let site = Site::default();
        assert_eq!(social(&site, &img).unwrap().url, "https://up.example/a.jpg");
    }
}
