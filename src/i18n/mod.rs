//! The words people read, in English and in Chinese.
//!
//! Every message the tool prints (an error, its hint, a `check` finding, a line of the build
//! report, the `serve` overlay) is a [`Message`]: an id and its arguments, data and not a
//! sentence. The sentences live in one Fluent catalogue per language, `en.ftl` and `zh.ftl`
//! beside this file, compiled into the binary; [`Message::text`] words a message in a
//! [`Lang`]. The language is chosen once, by `--lang` or the locale ([`Lang::from_env`]), and
//! passed down to whatever prints: no global setting.
//!
//! A test (`every_message_has_both_languages`) fails when an id used in the code is missing
//! from either catalogue, or when the two catalogues do not have the same ids.

use std::fmt;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// A language the tool's own messages are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Chinese (简体中文).
    Zh,
}

impl Lang {
    /// The language of the user's locale: Chinese when `LC_ALL`, `LC_MESSAGES` or `LANG` (the
    /// first that is set and not empty, as POSIX orders them) starts with `zh`, English
    /// otherwise.
    pub fn from_env() -> Lang {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| std::env::var(name).ok())
            .find(|value| !value.is_empty());
        locale.as_deref().map_or(Lang::En, Lang::of_locale)
    }

    /// The language of a locale name such as `zh_CN.UTF-8`, `zh-Hans` or `en_US`.
    pub fn of_locale(locale: &str) -> Lang {
        if locale.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    fn catalogue(self) -> &'static FluentBundle<FluentResource> {
        match self {
            Lang::En => &EN,
            Lang::Zh => &ZH,
        }
    }
}

/// The English catalogue's source.
pub(crate) const EN_FTL: &str = include_str!("en.ftl");
/// The Chinese catalogue's source.
pub(crate) const ZH_FTL: &str = include_str!("zh.ftl");

static EN: LazyLock<FluentBundle<FluentResource>> = LazyLock::new(|| bundle("en", EN_FTL));
static ZH: LazyLock<FluentBundle<FluentResource>> = LazyLock::new(|| bundle("zh", ZH_FTL));

/// A catalogue ready to format. A catalogue with a syntax error keeps the messages that
/// parse (the tests refuse such a catalogue, so this never happens in a release).
fn bundle(tag: &str, source: &'static str) -> FluentBundle<FluentResource> {
    let langid = tag.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    // Fluent wraps each argument in Unicode isolation marks, which terminals show as boxes.
    bundle.set_use_isolating(false);
    let resource =
        FluentResource::try_new(source.to_owned()).unwrap_or_else(|(partial, _)| partial);
    // Duplicate ids keep the first; the tests refuse them too.
    let _ = bundle.add_resource(resource);
    bundle
}

/// A message: the id of its sentence in the catalogues and the values of its placeholders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    id: &'static str,
    args: Vec<(&'static str, Arg)>,
}

/// The value of a placeholder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// Text shown as it is (a key, a path, a URL, a value as written).
    Text(String),
    /// A number, for the catalogues' plural forms (`{ $count -> [one] … *[other] … }`).
    Number(i64),
    /// Another message, worded in the same language.
    Message(Box<Message>),
}

impl Message {
    /// A message with no arguments yet.
    pub fn new(id: &'static str) -> Self {
        Message {
            id,
            args: Vec::new(),
        }
    }

    /// Adds the argument `name`.
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    /// The message's id in the catalogues.
    pub fn id(&self) -> &'static str {
        self.id
    }

    /// The message worded in `lang`. A message the catalogue lacks shows its id and arguments
    /// rather than nothing (the tests make sure none is missing).
    pub fn text(&self, lang: Lang) -> String {
        let bundle = lang.catalogue();
        let Some(pattern) = bundle.get_message(self.id).and_then(|m| m.value()) else {
            return self.fallback();
        };
        let mut args = FluentArgs::new();
        for (name, value) in &self.args {
            let value = match value {
                Arg::Text(text) => FluentValue::from(text.as_str()),
                Arg::Number(n) => FluentValue::from(*n),
                Arg::Message(message) => FluentValue::from(message.text(lang)),
            };
            args.set(*name, value);
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
        if errors.is_empty() {
            text.into_owned()
        } else {
            self.fallback()
        }
    }

    fn fallback(&self) -> String {
        let args: Vec<String> = self
            .args
            .iter()
            .map(|(name, value)| match value {
                Arg::Text(text) => format!("{name}={text}"),
                Arg::Number(n) => format!("{name}={n}"),
                Arg::Message(m) => format!("{name}={}", m.fallback()),
            })
            .collect();
        format!("[{} {}]", self.id, args.join(" "))
    }
}

/// English, for `Display`, logs and tests.
impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Self {
        Arg::Text(text)
    }
}

impl From<&String> for Arg {
    fn from(text: &String) -> Self {
        Arg::Text(text.clone())
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Self {
        Arg::Text(text.to_owned())
    }
}

impl From<&std::path::Path> for Arg {
    fn from(path: &std::path::Path) -> Self {
        Arg::Text(path.display().to_string())
    }
}

impl From<&std::path::PathBuf> for Arg {
    fn from(path: &std::path::PathBuf) -> Self {
        Arg::Text(path.display().to_string())
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<Message> for Arg {
    fn from(message: Message) -> Self {
        Arg::Message(Box::new(message))
    }
}

/// `msg!("unknown-key", key = key)`: a [`Message`] with its arguments.
macro_rules! msg {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::Message::new($id)$(.arg(stringify!($name), $value))*
    };
}
pub(crate) use msg;

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// The ids a catalogue defines, or its syntax errors.
    fn ids(source: &str) -> BTreeSet<String> {
        let resource = match FluentResource::try_new(source.to_owned()) {
            Ok(resource) => resource,
            Err((_, errors)) => panic!("the catalogue does not parse: {errors:?}"),
        };
        let mut ids = BTreeSet::new();
        for entry in resource.entries() {
            if let fluent_syntax::ast::Entry::Message(m) = entry {
                assert!(ids.insert(m.id.name.to_owned()), "`{}` twice", m.id.name);
            }
        }
        ids
    }

    /// The ids the code uses: each `msg!("id"` and `Message::new("id"` under src/ (a space or
    /// a line break may come before the id).
    fn used_ids() -> BTreeSet<String> {
        let mut used = BTreeSet::new();
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        for entry in walkdir::WalkDir::new(src) {
            let entry = entry.expect("src/ is readable");
            if entry.path().extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let code = std::fs::read_to_string(entry.path()).expect("a source file is text");
            for opener in ["msg!(", "Message::new("] {
                for (at, _) in code.match_indices(opener) {
                    let rest = code[at + opener.len()..].trim_start();
                    let Some(rest) = rest.strip_prefix('"') else {
                        continue;
                    };
                    let id: String = rest
                        .chars()
                        .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')
                        .collect();
                    if rest[id.len()..].starts_with('"') && !id.is_empty() {
                        used.insert(id);
                    }
                }
            }
        }
        used.remove("id");
        used
    }

    #[test]
    fn every_message_has_both_languages() {
        let (en, zh) = (ids(EN_FTL), ids(ZH_FTL));
        let only_en: Vec<_> = en.difference(&zh).collect();
        let only_zh: Vec<_> = zh.difference(&en).collect();
        assert!(only_en.is_empty(), "no Chinese for: {only_en:?}");
        assert!(only_zh.is_empty(), "no English for: {only_zh:?}");
        let used = used_ids();
        let missing: Vec<_> = used.difference(&en).collect();
        assert!(
            missing.is_empty(),
            "used in src/ but in no catalogue: {missing:?}"
        );
        let unused: Vec<_> = en.difference(&used).collect();
        assert!(
            unused.is_empty(),
            "in the catalogues but never used: {unused:?}"
        );
    }

    #[test]
    fn messages_are_worded_with_their_arguments() {
        let message = msg!("unknown-key", key = "titel");
        assert_eq!(message.text(Lang::En), "unknown key `titel`");
        assert_eq!(message.text(Lang::Zh), "不认识的键 `titel`");
        // Built from a name the catalogue scan does not see, like a message missing from both.
        const MISSING: &str = "no-such-id";
        assert_eq!(Message::new(MISSING).text(Lang::En), "[no-such-id ]");
    }

    #[test]
    fn the_locale_picks_the_language() {
        assert_eq!(Lang::of_locale("zh_CN.UTF-8"), Lang::Zh);
        assert_eq!(Lang::of_locale("zh-Hans"), Lang::Zh);
        assert_eq!(Lang::of_locale("en_US.UTF-8"), Lang::En);
        assert_eq!(Lang::of_locale("C"), Lang::En);
    }
}
