//! settings.json (paconn) names the package's files; they must exist.

use crate::package::FileKind;
use crate::rules::{rule, Context, Report};

rule!(SettingsFileNotFound {
    severity: Warning,
    file: Settings,
    certification: false,
    documented: false,
    fix: None,
    summary: "settings.json names a file that does not exist in the package folder.",
    docs: r#"## What it does
Checks that the files `settings.json` names (`apiDefinition`, `apiProperties`, `icon`, `script`)
exist, relative to the folder of `settings.json`.

## Why
`paconn create` / `update` read exactly those files and fail when one is missing.

## Example
```json
{ "apiDefinition": "swagger.json", "icon": "logo.png" }
```
in a folder holding `apiDefinition.swagger.json` and no `logo.png`.

## How to fix
Correct the file name, or add the file.
"#,
    check,
});

fn check(cx: &Context, out: &mut Report) {
    let Some(root) = cx.root(FileKind::Settings).filter(|r| r.is_object()) else {
        return;
    };
    for key in ["apiDefinition", "apiProperties", "icon", "script"] {
        let Some(node) = root.get(key) else { continue };
        let Some(name) = node.as_str().filter(|s| !s.trim().is_empty()) else {
            continue;
        };
        let path = cx.package.dir.join(name);
        // The folder's files may change on disk between two checks.
        crate::json::track::note_everything();
        // Names are relative to the package; anything reaching outside it is not followed.
        let inside = !std::path::Path::new(name).components().any(|c| {
            matches!(
                c,
                std::path::Component::ParentDir
                    | std::path::Component::RootDir
                    | std::path::Component::Prefix(_)
            )
        });
        if inside && path.is_file() {
            continue;
        }
        out.at(
            node,
            format!("settings.json names '{name}' as its {key}, but the package folder has no such file."),
        );
    }
}
