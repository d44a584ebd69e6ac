{{%AUTOESCAPE context="HTML"}}
{{! The guide form's fields (GET /staff/new, /staff/edit/…; the conflict page): front matter, then the Markdown. Every value is what was last typed. }}
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="revision" value="{{REVISION}}">
<input type="hidden" name="other_translations" value="{{OTHER_TRANSLATIONS}}">
{{#NEW}}<div class="f"><label for="language">{{T_staff_f_language}}</label><select id="language" name="language">{{#LANG}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>{{/LANG}}</select></div>
<div class="f"><label for="slug">{{T_staff_f_slug}}</label><input id="slug" name="slug" value="{{SLUG}}" required pattern="[a-z0-9\-]+" maxlength="200"><small class="m">{{T_staff_f_slug_help}}</small></div>{{/NEW}}
{{#EXISTING}}<input type="hidden" name="language" value="{{LANGUAGE}}"><input type="hidden" name="slug" value="{{SLUG}}">{{/EXISTING}}
<div class="f"><label for="title">{{T_staff_f_title}}</label><input id="title" name="title" value="{{TITLE}}"></div>
<div class="f"><label for="summary">{{T_staff_f_summary}}</label><textarea id="summary" name="summary" rows="3">{{SUMMARY:pre_escape}}</textarea></div>
<div class="f"><label for="topic">{{T_staff_f_topic}}</label><select id="topic" name="topic"><option value="">–</option>{{#TOPIC}}<option value="{{ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>{{/TOPIC}}</select></div>
<div class="f"><label for="translation_of">{{T_staff_f_translation_of}}</label><select id="translation_of" name="translation_of"><option value="">{{T_staff_f_original}}</option>{{#WORK}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/WORK}}</select></div>
<div class="f"><label for="countries">{{T_staff_f_countries}}</label><input id="countries" name="countries" value="{{COUNTRIES}}"><small class="m">{{T_staff_f_list_help}}</small></div>
<div class="f"><label for="audience">{{T_staff_f_audience}}</label><input id="audience" name="audience" value="{{AUDIENCE}}"><small class="m">{{T_staff_f_list_help}}</small></div>
<div class="f"><label for="published">{{T_staff_f_published}}</label><input id="published" name="published" type="date" value="{{PUBLISHED}}"><small class="m">{{T_staff_f_published_help}}</small></div>
<div class="f"><label for="review_by">{{T_staff_f_review_by}}</label><input id="review_by" name="review_by" type="date" value="{{REVIEW_BY}}"></div>
<div class="f check"><input id="draft" name="draft" type="checkbox" value="true"{{#DRAFT}} checked{{/DRAFT}}><label for="draft">{{T_staff_f_draft}}</label></div>
<div class="f"><label for="body">{{T_staff_f_body}}</label><textarea id="body" name="body" class="md" rows="20">{{BODY:pre_escape}}</textarea></div>
<div class="f"><label for="extra">{{T_staff_f_extra}}</label><textarea id="extra" name="extra" class="md" rows="4">{{EXTRA:pre_escape}}</textarea><small class="m">{{T_staff_f_extra_help}}</small></div>
