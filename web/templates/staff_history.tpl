{{%AUTOESCAPE context="HTML"}}
{{! GET /staff/history/{lang}/{slug}[?version=…] : a guide's versions (author, time, message), newest first; one of them compared with the current version (a unified diff, line by line, escaped); each older version's restore button (a POST with the session's CSRF token and the current revision, so that a newer save is never overwritten unseen). }}
<style>.hist{border-collapse:collapse;width:100%}.hist th,.hist td{padding:.3rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
pre.diff{white-space:pre-wrap;border:2px solid #666;padding:.5rem;font-size:.9rem}.diff span{display:block;min-height:1.2em}.diff .a{background:#e6f4e6}.diff .d{background:#fbe4e4}.diff .h{color:#555}</style>
<h1>{{HEADING}}</h1>
<p><a href="{{EDIT_URL}}">{{T_staff_hist_edit}}</a></p>
{{#RESTORED}}<p class="ok" role="status">{{TEXT}}</p>{{/RESTORED}}
{{#PROBLEM}}<p class="err" role="alert">{{TEXT}}</p>{{/PROBLEM}}
<h2>{{T_staff_hist_versions}}</h2>
{{#NONE}}<p>{{T_staff_hist_none}}</p>{{/NONE}}
<table class="hist">
<thead><tr><th scope="col">{{T_staff_hist_time}}</th><th scope="col">{{T_staff_hist_author}}</th><th scope="col">{{T_staff_hist_message}}</th><th scope="col"></th></tr></thead>
<tbody>
{{#VERSION}}<tr><td>{{TIME}}</td><td>{{AUTHOR}}</td><td>{{MESSAGE}}</td><td>{{#CURRENT}}{{T_staff_hist_current}}{{/CURRENT}}{{#OLDER}}<a href="{{COMPARE_URL}}">{{T_staff_hist_compare}}</a>
<form method="post" action="{{ACTION}}"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="version" value="{{COMMIT}}"><input type="hidden" name="revision" value="{{REVISION}}"><button>{{T_staff_hist_restore}}</button></form>{{/OLDER}}</td></tr>
{{/VERSION}}
</tbody>
</table>
{{#DIFF}}<h2 id="diff">{{HEADING}}</h2>
{{#SAME}}<p>{{T_staff_hist_same}}</p>{{/SAME}}
<pre class="diff">{{#LINE}}<span class="{{KIND}}">{{TEXT}}</span>{{/LINE}}</pre>{{/DIFF}}
