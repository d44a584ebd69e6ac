{{%AUTOESCAPE context="HTML"}}
{{! Any other error status: a generic message by status, never internals. }}
<h1>{{MESSAGE}}</h1>
<p class="m">{{CODE}}</p>
<p><a href="{{HOME_URL}}">{{T_error_home}}</a></p>
