{{%AUTOESCAPE context="HTML"}}
{{! A save that lost the race (If-Match failed): the saved version (theirs) and the one typed (yours), both kept; saving again is a deliberate choice. }}
<h1>{{T_staff_conflict_title}}</h1>
<p class="err" role="alert">{{T_staff_conflict_intro}}</p>
<h2>{{T_staff_conflict_theirs}}</h2>
<pre class="theirs" lang="{{DOC_LANG}}">{{THEIRS:pre_escape}}</pre>
<h2>{{T_staff_conflict_yours}}</h2>
<p>{{T_staff_conflict_help}}</p>
<form method="post" action="{{ACTION}}">
{{>FIELDS}}
<div class="row"><button name="action" value="preview">{{T_staff_preview}}</button><button name="action" value="save">{{T_staff_conflict_save}}</button></div>
</form>
