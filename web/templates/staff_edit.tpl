{{%AUTOESCAPE context="HTML"}}
{{! GET/POST /staff/new and /staff/edit/{lang}/{slug}: problems as "line: message", the preview (the public page itself, in a sandboxed frame: no script runs), the form. }}
<h1>{{HEADING}}</h1>
{{#SAVED}}<p class="ok" role="status">{{TEXT}} <a href="{{URL}}">{{T_staff_view_public}}</a></p>{{/SAVED}}
{{#PROBLEMS}}<section class="err" role="alert"><h2>{{T_staff_problems}}</h2><ul class="problems">{{#PROBLEM}}<li>{{WHERE}}: {{MESSAGE}}</li>{{/PROBLEM}}</ul></section>{{/PROBLEMS}}
{{#PREVIEW}}<h2>{{T_staff_preview_heading}}</h2><iframe class="pv" name="preview" title="{{T_staff_preview_heading}}" sandbox srcdoc="{{HTML:pre_escape}}"></iframe>{{/PREVIEW}}
{{#GUIDE_TOOLS}}<p><a href="{{HISTORY_URL}}">{{T_staff_dash_history}}</a> · <a href="{{UPLOAD_URL}}">{{T_staff_dash_upload}}</a></p>{{/GUIDE_TOOLS}}
<form method="post" action="{{ACTION}}">
{{>FIELDS}}
<div class="row"><button name="action" value="preview">{{T_staff_preview}}</button><button name="action" value="save">{{T_staff_save}}</button></div>
</form>
