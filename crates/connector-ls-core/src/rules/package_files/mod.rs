//! Rules about the package's other files: readme, intro, icon, custom-code script, settings.

mod icon;
mod intro;
mod readme;
mod script;
mod settings_files;

use super::Rule;

pub static RULES: &[&Rule] = &[
    &readme::ReadmeMissing,
    &readme::ReadmeSectionMissing,
    &intro::IntroEmpty,
    &icon::IconMissing,
    &icon::IconNotAllowed,
    &icon::IconInvalid,
    &icon::IconDimensionsInvalid,
    &icon::IconSizeNotRecommended,
    &icon::IconBackgroundInvalid,
    &icon::IconColorMismatch,
    &script::ScriptTooLarge,
    &script::ScriptClassMissing,
    &script::ScriptNamespaceNotAllowed,
    &settings_files::SettingsFileNotFound,
];
