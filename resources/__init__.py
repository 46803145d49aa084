"""The program's bundled files (font, translations, icons, reference prices), installed as the
package `fujiang_resources`; found through db.resources (app.paths.resource_path)."""
