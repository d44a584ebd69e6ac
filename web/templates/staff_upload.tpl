{{%AUTOESCAPE context="HTML"}}
{{! GET and POST /staff/upload : a PDF upload form (multipart, no JavaScript), and what became of the last upload: DONE with the file's address and either the guide it was attached to or the attachments line to copy, or PROBLEM with the fields kept. }}
<h1>{{T_staff_upload_title}}</h1>
{{#DONE}}<p role="status">{{MESSAGE}} <a href="{{URL}}">{{FILE}}</a></p>
{{#ATTACHED}}<p><a href="{{GUIDE_URL}}">{{ATTACHED}}</a></p>{{/ATTACHED}}
{{#NOT_ATTACHED}}<p>{{T_staff_upload_attach}}</p>
<pre>attachments:
  - { file: {{FILE}}, title: "…" }</pre>{{/NOT_ATTACHED}}{{/DONE}}
{{#PROBLEM}}<p role="alert"><strong>{{MESSAGE}}</strong></p>{{/PROBLEM}}
<p>{{INTRO}}</p>
<form method="post" action="{{ACTION}}" enctype="multipart/form-data">
<input type="hidden" name="csrf" value="{{CSRF}}">
<p><label for="u-file">{{T_staff_upload_file}}</label><br><input id="u-file" type="file" name="file" accept="application/pdf,.pdf" required></p>
<p><label for="u-name">{{T_staff_upload_name}}</label><br><input id="u-name" name="name" value="{{NAME}}" pattern="[a-z0-9][a-z0-9\-]*" maxlength="196"></p>
<p><label for="u-guide">{{T_staff_upload_guide}}</label><br><input id="u-guide" name="guide" value="{{GUIDE}}"></p>
<p><label for="u-title">{{T_staff_upload_attachment_title}}</label><br><input id="u-title" name="title" value="{{TITLE}}" maxlength="200"></p>
<p><label><input type="checkbox" name="replace" value="yes"> {{T_staff_upload_replace}}</label></p>
<p><button type="submit">{{T_staff_upload_send}}</button></p>
</form>
<p><a href="{{DASHBOARD_URL}}">{{T_staff_hist_back}}</a></p>
